package dev.mcpkit.api.server;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.RequestId;
import org.jspecify.annotations.Nullable;

/**
 * What a resource, prompt or completion handler may use while it runs: the session, the request's
 * id and logging to the client.
 *
 * <p>Valid only while the handler runs; log messages sent after it returned are dropped. The
 * methods are thread-safe.
 */
public interface RequestContext {

  /**
   * Returns the session the request belongs to.
   *
   * @return the session, or {@code null} for a request served without a session (the stateless
   *     protocol revisions)
   */
  @Nullable Session session();

  /**
   * Returns the id of the request being served.
   *
   * @return the request id
   */
  RequestId requestId();

  /**
   * Sends a log message to the client ({@code notifications/message}) unless its level is below the
   * one the client set with {@code logging/setLevel}.
   *
   * @param level the severity
   * @param message the message
   */
  void log(LogLevel level, String message);
}
