package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import org.jspecify.annotations.Nullable;

/**
 * Observes what an MCP client does: the requests it sends and the sessions it holds (metrics,
 * traces, audit). The HTTP layer underneath is observed through {@link
 * dev.mcpkit.api.spi.transport.HttpClientObserver}.
 *
 * <p>The client calls {@link #operationStarted} on the caller's thread just before it sends a
 * request, and {@link Operation#ended} once its answer (or failure) is known, on the same thread.
 * {@link #sessionStarted} is called when {@code initialize} established a session and {@link
 * SessionHandle#ended} once when it ends (closed, or dropped by the server). Implementations are
 * thread-safe, short, non-blocking and never throw. With {@link #NONE} the client does no
 * observation work beyond one interface call per request.
 *
 * {@snippet :
 * McpClient client = McpHttpClient.builder(endpoint).observer(observer).build();
 * }
 */
public interface McpClientObserver {

  /** The observer that observes nothing. */
  McpClientObserver NONE = new McpClientObserver() {};

  /**
   * Called just before the client sends a request.
   *
   * @param request what is being sent
   * @param meta writes string members into the request's {@code params._meta} (W3C trace context
   *     travels there: {@code traceparent}, {@code tracestate}); only usable during this call
   * @return the handle to end the operation with; never {@code null}
   */
  default Operation operationStarted(Request request, MetaWriter meta) {
    return Operation.NONE;
  }

  /**
   * Called when {@code initialize} established a session with a server.
   *
   * @param version the negotiated protocol version
   * @param networkProtocolVersion the HTTP version {@code initialize} was answered over ({@code
   *     "1.1"}, {@code "2"}), or {@code null} if unknown
   * @param serverAddress the server's host as the endpoint names it
   * @param serverPort the server's port
   * @return the handle to end the session with; never {@code null}
   */
  default SessionHandle sessionStarted(
      ProtocolVersion version,
      @Nullable String networkProtocolVersion,
      String serverAddress,
      int serverPort) {
    return SessionHandle.NONE;
  }

  /**
   * One request the client sends.
   *
   * @param method the JSON-RPC method, e.g. {@code tools/call}
   * @param target the tool name of a {@code tools/call} or the prompt name of a {@code
   *     prompts/get}, or {@code null}
   * @param protocolVersion the session's protocol version (the requested one for {@code
   *     initialize}), or {@code null} if unknown
   * @param requestId the JSON-RPC id as a string (for spans; never for metrics)
   * @param serverAddress the server's host as the endpoint names it
   * @param serverPort the server's port
   */
  record Request(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion protocolVersion,
      String requestId,
      String serverAddress,
      int serverPort) {
    /** Checks the required components. */
    public Request {
      requireNonNull(method, "method");
      requireNonNull(requestId, "requestId");
      requireNonNull(serverAddress, "serverAddress");
    }
  }

  /** Writes one string member into a request's {@code params._meta}. */
  @FunctionalInterface
  interface MetaWriter {
    /**
     * Puts a member, replacing one of the same name.
     *
     * @param key the member's name, e.g. {@code traceparent}
     * @param value its value
     */
    void put(String key, String value);
  }

  /** One request in flight; ended exactly once. */
  interface Operation {
    /** The handle that does nothing. */
    Operation NONE = (errorType, networkProtocolVersion) -> {};

    /**
     * Called once the request's outcome is known.
     *
     * @param errorType {@code null} on success; otherwise the JSON-RPC error code as a string (e.g.
     *     {@code "-32602"}), {@code "tool_error"} for a tool result with {@code isError}, the HTTP
     *     status for an HTTP error answer (e.g. {@code "404"}), {@code "timeout"}, {@code
     *     "cancelled"} when the caller was interrupted, or {@code "_OTHER"}
     * @param networkProtocolVersion the HTTP version the answer came over, or {@code null} if none
     *     came
     */
    void ended(@Nullable String errorType, @Nullable String networkProtocolVersion);
  }

  /** One session; ended exactly once. */
  interface SessionHandle {
    /** The handle that does nothing. */
    SessionHandle NONE = errorType -> {};

    /**
     * Called when the session ended.
     *
     * @param errorType {@code null} when the client closed it; {@code "404"} when the server no
     *     longer knew it
     */
    void ended(@Nullable String errorType);
  }
}
