package dev.mcpkit.api.server;

import dev.mcpkit.api.Session;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request handed to {@link DynamicMethods#handle}: its method and params, its session, and the
 * context through which the handler reaches the client on the request's stream while it runs
 * (progress with the client's own token, requests to the client, cancellation).
 *
 * <p>Valid only while the handler runs; the methods are thread-safe.
 */
public interface DynamicRequest {

  /**
   * Returns the request's method, one of {@link DynamicMethods#METHODS}.
   *
   * @return the wire name
   */
  String method();

  /**
   * Returns the request's params as the client sent them.
   *
   * @return the params, or {@code null} without any
   */
  @Nullable JsonNode params();

  /**
   * Returns the client's session.
   *
   * @return the session
   */
  Session session();

  /**
   * Returns the request's context: principal, request id, progress (sent with the token of the
   * client's request, when it gave one), requests to the client ({@link ToolContext#request}),
   * cancellation ({@link ToolContext#isCancelled()}) and {@link ToolContext#closeStream()}.
   *
   * @return the context
   */
  ToolContext context();

  /**
   * Sends a notification to the client on this request's stream, as it is (for example an
   * upstream's {@code notifications/message}); dropped once the request is answered or cancelled.
   *
   * @param method the notification's method
   * @param params its params, or {@code null}
   */
  void notify(String method, @Nullable JsonNode params);
}
