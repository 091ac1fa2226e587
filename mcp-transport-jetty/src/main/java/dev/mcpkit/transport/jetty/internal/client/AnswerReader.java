package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.MalformedMessageException;
import dev.mcpkit.transport.jetty.internal.HttpVersions;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answer to one POSTed request: a JSON body, received whole by an {@link AnswerListener}
 * that wakes the caller once, or an SSE stream, on a virtual thread of its own, whose messages are
 * dispatched as they arrive, resumed with GET and {@code Last-Event-ID} while the call is
 * unanswered. Whatever happens ends in the call's future: its response, or a failure ({@link
 * SessionGoneException} for a 404 on the session); only the deadline and the caller's interrupt are
 * thrown instead, for the caller to cancel the call.
 *
 * <p>Both ways share what follows the answer's arrival ({@code received}, and {@code settle} for a
 * refusal to send again): {@link #answer} waits for it on the caller's thread, {@link
 * #answerWithoutBlocking} runs it on Jetty's thread that completes the response.
 *
 * <p>Thread-safety: thread-safe; each call has its own state, handed from Jetty's thread to the
 * waiting caller (or to the action run without a waiting caller) by the completion of one future.
 */
final class AnswerReader {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerReader.class);

  /** How long after the call's deadline Jetty fails an exchange that is still going; see answer. */
  private static final long BACKSTOP_NANOS = TimeUnit.SECONDS.toNanos(5);

  /**
   * Facts of the POST's response, written by its reader and read by the caller after the answer.
   */
  static final class Facts {
    volatile @Nullable String sessionId;
    volatile @Nullable String httpVersion;

    /** The request last sent (a refused one is sent again whole), which a cancel aborts. */
    volatile @Nullable Request request;

    /** Told when the server ends the answer's stream early and the reader is to resume it. */
    volatile @Nullable Runnable onStreamPaused;
  }

  private final ClientSettings settings;
  private final ClientHttp http;
  private final MessageDispatcher dispatcher;

  AnswerReader(ClientSettings settings, ClientHttp http, MessageDispatcher dispatcher) {
    this.settings = settings;
    this.http = http;
    this.dispatcher = dispatcher;
  }

  /**
   * Sends the POST and reads its answer on the caller's thread, so that the response, parsed on
   * Jetty's selector, wakes the caller directly: a JSON body (or a failure) completes the call's
   * future before this returns. An SSE answer is handed to a virtual thread of its own, which
   * dispatches its messages as they arrive and resumes the stream with GET and {@code
   * Last-Event-ID} while the call is unanswered; that thread is returned, so that a timeout or an
   * interrupt can stop it.
   *
   * @param deadlineNanos the {@link System#nanoTime} by which the call must be answered
   * @return the thread reading an SSE answer, or {@code null} when the call's future is complete
   * @throws TimeoutException if the deadline passes before the answer is read
   * @throws InterruptedException if the caller is interrupted
   */
  @Nullable Thread answer(
      Request first,
      Supplier<Request> again,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts,
      long deadlineNanos)
      throws TimeoutException, InterruptedException {
    try {
      AnswerListener listener = send(first, facts, deadlineNanos);
      // Woken once: when a JSON body is in whole, or at the headers of an event stream.
      Response response = listener.await(remaining(deadlineNanos));
      return settle(listener, response, again, via, id, call, facts, deadlineNanos);
    } catch (ExecutionException | RuntimeException e) {
      return failed(e, call, deadlineNanos);
    }
  }

  /**
   * Sends the POST and settles the call when its answer is in, with no thread waiting for it: on
   * Jetty's thread that completes the response, what {@link #answer} does after its wait (a JSON
   * body is dispatched there, an SSE answer goes to its reader thread). A refusal that the
   * authorization may want to send again goes to a virtual thread, since deciding may block; the
   * deadline is the caller's to keep (a {@link TimeoutException} in the call's future means it
   * passed, as the exception {@link #answer} throws does).
   *
   * @param working told of each thread that goes on with the call (an SSE reader, a resend), so
   *     that a timeout or a cancellation can interrupt it
   */
  void answerWithoutBlocking(
      Request first,
      Supplier<Request> again,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts,
      long deadlineNanos,
      Consumer<@Nullable Thread> working) {
    AnswerListener listener;
    try {
      // No caller waits, so nothing races Jetty's timeout at the deadline itself: it fails the
      // exchange, which times the call out (see failed).
      listener = sendWithTimeout(first, facts, remaining(deadlineNanos));
    } catch (RuntimeException e) {
      failedWithoutBlocking(e, call, deadlineNanos);
      return;
    }
    listener.onReady(
        (response, failure) -> {
          if (response == null) {
            failedWithoutBlocking(new ExecutionException(failure), call, deadlineNanos);
          } else if (http.mayRefuse(response)) {
            Thread resend =
                Thread.ofVirtual()
                    .name("mcp-client-resend")
                    .unstarted(
                        () ->
                            settleOnThisThread(
                                listener,
                                response,
                                again,
                                via,
                                id,
                                call,
                                facts,
                                deadlineNanos,
                                working));
            working.accept(resend); // before it starts, so that it cannot name its reader first
            resend.start();
          } else {
            try {
              working.accept(received(response, listener, via, id, call, facts));
            } catch (RuntimeException e) {
              failedWithoutBlocking(e, call, deadlineNanos);
            }
          }
        });
  }

  /** {@link #settle} on a thread that may block, for {@link #answerWithoutBlocking}. */
  private void settleOnThisThread(
      AnswerListener listener,
      Response response,
      Supplier<Request> again,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts,
      long deadlineNanos,
      Consumer<@Nullable Thread> working) {
    try {
      working.accept(settle(listener, response, again, via, id, call, facts, deadlineNanos));
    } catch (ExecutionException | RuntimeException e) {
      failedWithoutBlocking(e, call, deadlineNanos);
    } catch (TimeoutException e) {
      call.answer().completeExceptionally(e);
    } catch (InterruptedException e) {
      // Interrupted because the call is over (timed out or cancelled): nothing left to settle.
      Thread.currentThread().interrupt();
      call.answer().completeExceptionally(e);
    }
  }

  /**
   * Sends one attempt of the POST for a caller that waits; {@return the listener that receives its
   * answer}
   */
  private AnswerListener send(Request request, Facts facts, long deadlineNanos) {
    // A backstop for a body that stalls after its headers: Jetty fails the exchange a little
    // after the deadline. At the deadline itself it would race the caller's own wait on an
    // SSE answer and fail the call with a bare failure instead of RequestTimeoutException.
    return sendWithTimeout(request, facts, remaining(deadlineNanos) + BACKSTOP_NANOS);
  }

  /**
   * Sends one attempt of the POST, which Jetty fails after {@code timeoutNanos}: its timeouts cost
   * no timer task per request (one per destination, re-armed to the earliest), which is what lets
   * the call without a waiting thread do without one of its own until its answer turns into a
   * stream.
   */
  private AnswerListener sendWithTimeout(Request request, Facts facts, long timeoutNanos) {
    facts.request = request;
    AnswerListener listener = new AnswerListener(settings.maxMessageBytes());
    request.timeout(timeoutNanos, TimeUnit.NANOSECONDS);
    request.send(listener);
    return listener;
  }

  private static long remaining(long deadlineNanos) {
    return Math.max(1, deadlineNanos - System.nanoTime());
  }

  /**
   * What to do with a received answer, on a thread that may block: a refusal the authorization
   * wants to send again is sent again whole, with new credentials, and waited for; then {@link
   * #received}.
   */
  private @Nullable Thread settle(
      AnswerListener first,
      Response firstResponse,
      Supplier<Request> again,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts,
      long deadlineNanos)
      throws ExecutionException, TimeoutException, InterruptedException {
    AnswerListener listener = first;
    Response response = firstResponse;
    for (int attempt = 1; http.sendAgain(response, HttpMethod.POST, attempt); attempt++) {
      listener.drain(); // refused: sent again whole with new credentials
      listener = send(again.get(), facts, deadlineNanos);
      response = listener.await(remaining(deadlineNanos));
    }
    return received(response, listener, via, id, call, facts);
  }

  /**
   * What to do with an answer that is not to be sent again; never blocks. A 404 on the session
   * fails the call with {@link SessionGoneException}, another non-2xx status with the server's
   * error, a JSON body is dispatched (completing the call), an SSE answer goes to a virtual thread
   * of its own.
   *
   * @return the thread reading an SSE answer, or {@code null} when the call's future is complete
   */
  private @Nullable Thread received(
      Response response,
      AnswerListener listener,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts) {
    int status = response.getStatus();
    facts.httpVersion = HttpVersions.of(response.getVersion());
    if (status == 404 && via != null && via.id() != null) {
      listener.drain();
      call.answer().completeExceptionally(new SessionGoneException());
      return null;
    }
    facts.sessionId = response.getHeaders().get(McpHeaders.MCP_SESSION_ID);
    if (status / 100 != 2) {
      JsonRpcError error = errorIn(listener.body(), listener.length());
      call.answer()
          .completeExceptionally(
              new McpClientException(
                  "the server answered HTTP "
                      + status
                      + (error == null ? "" : ": " + error.message()),
                  error,
                  status,
                  null));
      return null;
    }
    InputStreamResponseListener stream = listener.stream();
    if (stream != null) {
      Runnable onStreamPaused = facts.onStreamPaused;
      return Thread.ofVirtual()
          .name("mcp-client-read")
          .start(() -> readStreamToEnd(stream, via, id, call, onStreamPaused));
    }
    dispatcher.dispatchAll(listener.body(), listener.length(), via);
    if (!call.answer().isDone()) {
      call.answer()
          .completeExceptionally(
              new McpClientException("the server's answer holds no response to " + id, null));
    }
    return null;
  }

  /**
   * Settles the call with the exchange's failure, unless the deadline passed or the caller was
   * interrupted: those are thrown, for the caller to cancel the call.
   */
  private static @Nullable Thread failed(Exception e, PendingCalls.Pending call, long deadlineNanos)
      throws TimeoutException, InterruptedException {
    if (System.nanoTime() - deadlineNanos >= 0 || causedByTimeout(e)) {
      TimeoutException timeout = new TimeoutException("no answer by the deadline");
      timeout.initCause(e);
      throw timeout;
    }
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(e);
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    call.answer()
        .completeExceptionally(
            cause instanceof MessageTooLargeException tooLarge
                ? new AnswerTooLargeException(tooLarge.reason(), tooLarge.limit(), tooLarge)
                : new McpClientException("the request failed: " + e.getMessage(), e));
    return null;
  }

  /**
   * As {@link #failed}, with the deadline's or the interrupt's exception put in the call's future.
   */
  private static void failedWithoutBlocking(
      Exception e, PendingCalls.Pending call, long deadlineNanos) {
    try {
      failed(e, call, deadlineNanos);
    } catch (TimeoutException | InterruptedException thrown) {
      call.answer().completeExceptionally(thrown);
    }
  }

  private static InterruptedException interrupted(Exception cause) {
    InterruptedException interrupted = new InterruptedException("interrupted");
    interrupted.initCause(cause);
    return interrupted;
  }

  private static boolean causedByTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Reads an SSE answer until it holds the call's response; whatever happens ends the future. */
  private void readStreamToEnd(
      InputStreamResponseListener first,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      @Nullable Runnable onStreamPaused) {
    try {
      readStream(first, via, id, call, onStreamPaused);
    } catch (InterruptedException e) {
      call.answer().completeExceptionally(new McpClientException("interrupted", e));
    } catch (MessageTooLargeException e) {
      call.answer().completeExceptionally(new AnswerTooLargeException(e.reason(), e.limit(), e));
    } catch (IOException | RuntimeException e) {
      // Jetty's timeout of the exchange (the call's deadline, when no caller waits) times the call
      // out, as the caller's own wait would.
      call.answer()
          .completeExceptionally(
              causedByTimeout(e)
                  ? new TimeoutException("no answer by the deadline")
                  : new McpClientException("the request failed: " + e.getMessage(), e));
    }
  }

  private void readStream(
      InputStreamResponseListener first,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      @Nullable Runnable onStreamPaused)
      throws IOException, InterruptedException {
    StreamState state =
        new StreamState(dispatcher, via, settings.retryMillis(), settings.maxMessageBytes());
    InputStreamResponseListener listener = first;
    int attempts = 0;
    while (true) {
      state.readAll(listener, "the stream of " + id);
      if (call.answer().isDone()) {
        return;
      }
      if (state.lastEventId == null || via == null) {
        call.answer()
            .completeExceptionally(
                new McpClientException(
                    "the stream ended without a response to "
                        + id
                        + " and cannot be resumed (no event id)",
                    null));
        return;
      }
      attempts = state.attemptsAfter(attempts);
      if (attempts > settings.maxResumeAttempts()) {
        call.answer()
            .completeExceptionally(
                new McpClientException(
                    "the stream of "
                        + id
                        + " could not be resumed after "
                        + settings.maxResumeAttempts()
                        + " attempts",
                    null));
        return;
      }
      if (onStreamPaused != null) {
        onStreamPaused.run();
      }
      // The server's retry field says when to come back (transports page: SSE polling).
      Thread.sleep(state.retryMillis);
      String lastId = state.lastEventId;
      listener = new InputStreamResponseListener();
      http.newRequest(via, HttpMethod.GET)
          .headers(
              h ->
                  h.put(HttpHeader.ACCEPT, ClientHttp.EVENT_STREAM)
                      .put(McpHeaders.LAST_EVENT_ID, lastId))
          .send(listener);
      Response response;
      try {
        response = listener.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.debug("resuming the stream of {} failed", id, e);
        continue;
      }
      if (response.getStatus() == 404 && via.id() != null) {
        ClientHttp.drain(listener);
        call.answer().completeExceptionally(new SessionGoneException());
        return;
      }
      if (response.getStatus() != 200) {
        ClientHttp.drain(listener);
        call.answer()
            .completeExceptionally(
                new McpClientException(
                    "resuming the stream of " + id + " got HTTP " + response.getStatus(),
                    null,
                    response.getStatus(),
                    null));
        return;
      }
    }
  }

  private static @Nullable JsonRpcError errorIn(byte[] body, int length) {
    try {
      for (JsonRpcMessage message : JsonRpcCodecs.readLeniently(body, 0, length)) {
        if (message instanceof JsonRpcErrorResponse error) {
          return error.error();
        }
      }
    } catch (MalformedMessageException | RuntimeException e) {
      // not a JSON-RPC body
    }
    return null;
  }
}
