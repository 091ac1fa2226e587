package dev.mcpkit.api.server;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ToolHandler} may use while it runs: the session, the request's id, progress
 * reporting, logging to the client and cancellation.
 *
 * <p>Valid only while the handler runs; messages sent after it returned are dropped. The methods are
 * thread-safe, so a handler may report progress from threads of its own.
 *
 * {@snippet :
 * ToolHandler countdown = (arguments, ctx) -> {
 *   for (int i = 1; i <= 3; i++) {
 *     if (ctx.isCancelled()) {
 *       return ToolResult.error("cancelled");
 *     }
 *     ctx.progress(i, 3.0, "step " + i);
 *   }
 *   return ToolResult.text("done");
 * };
 * }
 */
public interface ToolContext {

  /**
   * Returns the session the request belongs to.
   *
   * @return the session, or {@code null} for a request served without a session (the stateless
   *     protocol revisions)
   */
  @Nullable Session session();

  /**
   * Returns the id of the {@code tools/call} request.
   *
   * @return the request id
   */
  RequestId requestId();

  /**
   * Sends {@code notifications/progress} to the client, if the client asked for progress (it sent a
   * {@code progressToken} in the request's {@code _meta}); does nothing otherwise. The first
   * notification may switch the HTTP answer from JSON to an SSE stream.
   *
   * @param progress the progress so far; should increase with each call
   * @param total the total, or {@code null} if unknown
   * @param message a human-readable status, or {@code null}
   */
  void progress(double progress, @Nullable Double total, @Nullable String message);

  /**
   * Tells whether the client asked for progress notifications.
   *
   * @return {@code true} if the request carried a {@code progressToken}
   */
  boolean wantsProgress();

  /**
   * Sends a log message to the client ({@code notifications/message}) unless its level is below the
   * one the client set with {@code logging/setLevel}.
   *
   * @param level the severity
   * @param message the message
   */
  void log(LogLevel level, String message);

  /**
   * Tells whether the client cancelled this request ({@code notifications/cancelled}). The handler's
   * thread is also interrupted when that happens.
   *
   * @return {@code true} once cancelled
   */
  boolean isCancelled();
}
