package dev.mcpkit.api.spi;

import dev.mcpkit.api.ProtocolVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Observes the MCP operations a server engine answers: metrics, traces, audit. Sessions are
 * observed through {@link SessionListener}; the HTTP layer through {@link
 * dev.mcpkit.api.spi.transport.HttpServerObserver}.
 *
 * <p>The engine calls {@link #operationStarted} on the request's thread before it handles a
 * request, and {@link Operation#ended} on the same thread once the answer is decided.
 * Implementations are thread-safe, short and non-blocking. An exception thrown by an observer
 * propagates into the request's error handling, so observers must not throw. With {@link #NONE} the
 * engine does no work for observation beyond one interface call per request.
 *
 * {@snippet :
 * McpEngine engine = McpEngines.builder(config, sessions).observer(observer).build();
 * }
 */
public interface McpServerObserver {

  /** The observer that observes nothing. */
  McpServerObserver NONE = new McpServerObserver() {};

  /**
   * Called when the engine starts handling one request (including {@code initialize}).
   *
   * @param method the JSON-RPC method, e.g. {@code tools/call}
   * @param target the tool name of a {@code tools/call} or the prompt name of a {@code
   *     prompts/get}, or {@code null}
   * @param version the session's negotiated protocol version (the requested one for {@code
   *     initialize}), or {@code null} if unknown
   * @param meta the request's {@code params._meta} (W3C trace context travels there), or {@code
   *     null}
   * @return the handle to end the operation with; never {@code null}
   */
  default Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta) {
    return Operation.NONE;
  }

  /**
   * Called when the engine starts handling one request, with the HTTP version of the exchange that
   * carried it. The engine calls this method; by default it forgets the version and calls {@link
   * #operationStarted(String, String, ProtocolVersion, JsonNode)}.
   *
   * @param method the JSON-RPC method, e.g. {@code tools/call}
   * @param target the tool or prompt name, or {@code null}
   * @param version the session's negotiated protocol version, or {@code null} if unknown
   * @param meta the request's {@code params._meta}, or {@code null}
   * @param networkProtocolVersion the HTTP version ({@code "1.1"}, {@code "2"}), or {@code null} if
   *     the transport did not say
   * @return the handle to end the operation with; never {@code null}
   */
  default Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta,
      @Nullable String networkProtocolVersion) {
    return operationStarted(method, target, version, meta);
  }

  /**
   * Called once when a tool call made as a task (the {@code io.modelcontextprotocol/tasks}
   * extension) was handed out as a task, {@link TaskStatus#WORKING}, on the node that runs it.
   *
   * @param tool the tool's name
   */
  default void taskStarted(String tool) {}

  /**
   * Called once when a task that {@link #taskStarted} reported ended, on the node that ran it,
   * after its handler returned: with the terminal status the store kept (a cancellation or a
   * failure may have won over the handler's own ending). A task whose node died before that is not
   * reported here: the node is gone, and another node reports it failed to its pollers.
   *
   * @param tool the tool's name
   * @param status {@link TaskStatus#COMPLETED}, {@link TaskStatus#FAILED} or {@link
   *     TaskStatus#CANCELLED}
   * @param duration from the task's creation to its terminal status
   */
  default void taskEnded(String tool, TaskStatus status, java.time.Duration duration) {}

  /** One request being handled; ended exactly once. */
  interface Operation {
    /** The handle that does nothing. */
    Operation NONE = errorType -> {};

    /**
     * Called once the request's answer is decided.
     *
     * @param errorType {@code null} on success; otherwise the JSON-RPC error code as a string (e.g.
     *     {@code "-32602"}), {@code "tool_error"} for a tool result with {@code isError}, or {@code
     *     "cancelled"} for a call cancelled by the client
     */
    void ended(@Nullable String errorType);
  }
}
