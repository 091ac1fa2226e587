package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.codec.MalformedMessageException;
import dev.mcpkit.transport.jetty.internal.HttpVersions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Reads the answer to one POSTed request on a virtual thread of its own: a JSON body, or an SSE
 * stream whose messages are dispatched as they arrive, resumed with GET and {@code Last-Event-ID}
 * while the call is unanswered. Whatever happens ends in the call's future: its response, or a
 * failure ({@link SessionGoneException} for a 404 on the session).
 *
 * <p>Thread-safety: thread-safe; each {@link #read} runs on its own thread with its own state.
 */
final class AnswerReader {
  private static final Logger LOG = LoggerFactory.getLogger(AnswerReader.class);

  /** How much longer than its caller a reader waits for the response headers; see read. */
  private static final long READER_GRACE_MILLIS = 5_000;

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

  /** Reads the POST's answer, and resumes its stream with GET while the call is unanswered. */
  void read(
      Request first,
      Supplier<Request> again,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      Facts facts,
      Duration timeout) {
    try {
      Request request = first;
      InputStreamResponseListener listener;
      Response response;
      int attempt = 1;
      while (true) {
        facts.request = request;
        listener = new InputStreamResponseListener();
        request.send(listener);
        // The caller owns the timeout (it interrupts this thread and sends
        // notifications/cancelled); this wait is only a backstop. With the same deadline it raced
        // the caller's and, on a busy machine, failed the call with a bare TimeoutException
        // instead of RequestTimeoutException.
        response = listener.get(timeout.toMillis() + READER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        if (!http.sendAgain(response, HttpMethod.POST, attempt++)) {
          break;
        }
        ClientHttp.drain(listener); // refused: sent again whole with new credentials
        request = again.get();
      }
      int status = response.getStatus();
      facts.httpVersion = HttpVersions.of(response.getVersion());
      if (status == 404 && via != null && via.id() != null) {
        ClientHttp.drain(listener);
        call.answer().completeExceptionally(new SessionGoneException());
        return;
      }
      facts.sessionId = response.getHeaders().get(McpHeaders.MCP_SESSION_ID);
      String contentType = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (status / 100 != 2) {
        byte[] body = ClientHttp.readBody(listener);
        JsonRpcError error = errorIn(body);
        call.answer()
            .completeExceptionally(
                new McpClientException(
                    "the server answered HTTP "
                        + status
                        + (error == null ? "" : ": " + error.message()),
                    error,
                    status,
                    null));
        return;
      }
      if (contentType != null && contentType.startsWith(ClientHttp.EVENT_STREAM)) {
        readStream(listener, via, id, call, facts.onStreamPaused);
      } else {
        dispatcher.dispatchAll(
            new String(ClientHttp.readBody(listener), java.nio.charset.StandardCharsets.UTF_8),
            via);
        if (!call.answer().isDone()) {
          call.answer()
              .completeExceptionally(
                  new McpClientException("the server's answer holds no response to " + id, null));
        }
      }
    } catch (InterruptedException e) {
      call.answer().completeExceptionally(new McpClientException("interrupted", e));
    } catch (TimeoutException | ExecutionException | IOException | RuntimeException e) {
      call.answer()
          .completeExceptionally(
              new McpClientException("the request failed: " + e.getMessage(), e));
    }
  }

  private void readStream(
      InputStreamResponseListener first,
      @Nullable ClientSession via,
      RequestId id,
      PendingCalls.Pending call,
      @Nullable Runnable onStreamPaused)
      throws IOException, InterruptedException {
    StreamState state = new StreamState(dispatcher, via, settings.retryMillis());
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

  private static @Nullable JsonRpcError errorIn(byte[] body) {
    try {
      for (JsonRpcMessage message :
          JsonRpcCodecs.readLeniently(new String(body, java.nio.charset.StandardCharsets.UTF_8))) {
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
