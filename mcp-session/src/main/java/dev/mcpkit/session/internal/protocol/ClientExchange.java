package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a handler's context does differently in each protocol generation: the session it serves (if
 * any), which log messages the client wants, the capabilities the client declared, and how a
 * handler asks the client for input. The session-based revisions send a request on the call's
 * stream and wait for the client's POSTed answer ({@code sessions.SessionExchange}); revision
 * 2026-07-28 ends the call with {@code input_required} and runs the handler again with the answers
 * (multi round-trip, {@code stateless.RoundTripExchange}).
 *
 * <p>Everything else a context does is the same in both generations and lives once, in {@link
 * ToolCallContext} (progress, the log message, cancellation, closing the stream) and {@link
 * HandlerContext}. One exchange serves one request.
 *
 * <p>Implementations are thread-safe: a handler may use its context from threads of its own.
 */
public interface ClientExchange {

  /** The session the request belongs to, or {@code null} for a sessionless request. */
  @Nullable Session session();

  /** Whether the client wants log messages of this level. */
  boolean logs(LogLevel level);

  /** The capabilities the client declared, or a missing node if unknown. */
  JsonNode clientCapabilities();

  /**
   * Whether a tool call's SSE stream may be closed before its result and resumed by the client
   * ({@code Last-Event-ID}); revision 2026-07-28 has no resumable streams.
   */
  boolean resumableStreams();

  /**
   * {@link dev.mcpkit.api.server.ToolContext#request}: asks the client without a key of the
   * handler's.
   *
   * @param method the method, not null
   * @param call the tool call's cancellation state; no request may start once it is not running
   */
  JsonNode request(
      String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException;

  /**
   * {@link dev.mcpkit.api.server.ToolContext#input}: asks the client under a key.
   *
   * @param key the key, not null
   * @param method the method, not null
   * @param call the tool call's cancellation state
   */
  JsonNode input(
      String key, String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException;

  /**
   * {@link dev.mcpkit.api.server.ToolContext#inputs}: asks the client for several inputs.
   *
   * @param requests the requests by key, not null
   * @param call the tool call's cancellation state
   */
  Map<String, JsonNode> inputs(
      Map<String, InputRequest> requests, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException;

  /**
   * {@link dev.mcpkit.api.server.RequestContext#input}: a resource, prompt or completion handler
   * asks the client under a key; such a handler can never wait for the client.
   *
   * @throws IllegalStateException if this request cannot ask the client
   */
  JsonNode input(String key, String method, @Nullable JsonNode params);

  /**
   * {@link dev.mcpkit.api.server.ToolContext#continueAsTask}: hands the task out now; nothing for a
   * call not made as a task (the default).
   */
  default void continueAsTask() {}
}
