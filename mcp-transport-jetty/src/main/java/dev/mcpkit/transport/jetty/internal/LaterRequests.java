package dev.mcpkit.transport.jetty.internal;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.security.Principal;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Serves a POST whose answer comes later ({@link TransportEngine#postLater}) from the I/O thread
 * that read it, with no thread waiting for the answer: a gateway's forwarded call, whose upstream
 * answer arrives on the HTTP client's own I/O thread. When that answer is a JSON body and nothing
 * was streamed meanwhile (the usual case), it is written right there, without blocking ({@link
 * ResponseChannel#finishWithoutBlocking}); anything else (an SSE answer the messages sent meanwhile
 * started, a rejection, a failure) is finished on a request thread exactly as {@link
 * BlockingRequests} finishes what {@link TransportEngine#post} returns.
 *
 * <p>The request holds a permit of the endpoint's bounded executor, if it has one, from before the
 * engine starts it until its outcome is known, as a request thread would: a gateway cannot take
 * more calls in flight this way than it would with threads. Thread-safe and stateless per request.
 */
final class LaterRequests {
  private final TransportEngine engine;
  private final JsonRpcCodec codec;
  private final TransportSettings settings;
  private final StreamRegistry streams;
  private final Executor requestThreads;
  private final BlockingRequests blocking;

  /**
   * The engine's {@link TransportEngine#mayAnswerLater}: when false (a plain server), a blocking
   * POST goes to its request thread without the permit and channel made here for nothing.
   */
  private final boolean answersLater;

  LaterRequests(EndpointParts parts, BlockingRequests blocking) {
    this.engine = parts.engine();
    this.answersLater = engine.mayAnswerLater();
    this.codec = parts.codec();
    this.settings = parts.settings();
    this.streams = parts.streams();
    this.requestThreads = parts.requestThreads();
    this.blocking = blocking;
  }

  /**
   * Starts serving the POST if the engine answers it later; on an I/O thread.
   *
   * @param incoming its messages, which {@link TransportEngine#invocationType} found blocking
   * @return {@code true} if the exchange is served (and completes later); {@code false} if nothing
   *     was done and the POST is to be served on a request thread
   */
  boolean tryServe(
      Request request,
      Response response,
      Callback callback,
      IncomingMessages incoming,
      @Nullable Principal principal) {
    String sessionId = incoming.sessionId();
    if (!answersLater || sessionId == null || !BlockingRequests.hasRequest(incoming.messages())) {
      return false; // only a request of a session is ever answered later
    }
    if (streams.clientAtLimit(request, principal)) {
      // The answer could become one more SSE stream of a client that holds all it may: refused as
      // the request thread refuses it.
      response.getHeaders().put(HttpHeader.RETRY_AFTER, HttpAnswers.RETRY_AFTER_SECONDS);
      HttpAnswers.error(
          response,
          codec,
          HttpStatus.TOO_MANY_REQUESTS_429,
          JsonRpcError.of(JsonRpcError.INVALID_REQUEST, BlockingRequests.TOO_MANY_STREAMS),
          null,
          callback);
      return true;
    }
    BoundedExecutor executor = settings.executor();
    BoundedExecutor.Permit permit = null;
    if (executor != null) {
      permit = executor.tryAcquire();
      if (permit == null) {
        return false; // the request thread answers 503 and tells the observer
      }
    }
    ResponseChannel channel = blocking.channel(request, response, callback, sessionId, principal);
    CompletionStage<Outcome> later;
    try {
      later = engine.postLater(incoming, channel);
    } catch (RuntimeException | Error e) {
      release(permit);
      HttpAnswers.failure(response, codec, e, callback);
      return true;
    }
    if (later == null) {
      release(permit);
      return false;
    }
    BoundedExecutor.Permit held = permit;
    later.whenComplete(
        (outcome, failure) -> {
          // Released before the answer is written, as on a request thread: a client that has its
          // answer may send its next request without racing this permit.
          release(held);
          if (failure != null) {
            HttpAnswers.failure(response, codec, failure, callback);
          } else if (!(outcome instanceof Outcome.Answered answered
              && channel.finishWithoutBlocking(answered, callback))) {
            onRequestThread(response, callback, outcome, channel);
          }
        });
    return true;
  }

  private void onRequestThread(
      Response response, Callback callback, Outcome outcome, ResponseChannel channel) {
    try {
      requestThreads.execute(
          () -> blocking.finishAndComplete(response, callback, outcome, channel));
    } catch (RejectedExecutionException e) {
      // The server is stopping: its executor takes no more work.
      HttpAnswers.failure(response, codec, e, callback);
    }
  }

  private static void release(BoundedExecutor.@Nullable Permit permit) {
    if (permit != null) {
      permit.close();
    }
  }
}
