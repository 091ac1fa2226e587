package dev.mcpkit.api.server;

/**
 * What the client is told when a tool's handler throws an exception other than {@link
 * IllegalArgumentException}: chosen once per engine ({@code McpEngines.builder(...)
 * .toolFailureMessages(...)}). Whatever the choice, the server logs the failure at {@code WARN}
 * with its stack trace, and the client never sees a stack trace.
 *
 * <p>How a handler's exception reaches the client, the same for every kind of handler:
 *
 * <ul>
 *   <li>{@link IllegalArgumentException} means "the client's arguments are wrong": its message
 *       always reaches the client, and the server logs it at {@code DEBUG} only (the client's
 *       mistake, not the server's). From a tool it is an {@code isError} result, which is how the
 *       2025-11-25 specification wants input errors reported so that a model can correct its call;
 *       from a resource, prompt or completion handler it is the JSON-RPC error {@code -32602}
 *       (Invalid params).
 *   <li>{@link ResourceNotFoundException} from a resource handler is the error {@code -32002}.
 *   <li>Any other exception is a fault of the server: logged at {@code WARN} with its stack trace.
 *       A tool answers an {@code isError} result whose text this policy chooses; a resource, prompt
 *       or completion handler answers a generic {@code -32603} (Internal error) naming only what
 *       failed, since a JSON-RPC error goes to the client application rather than to a model that
 *       could act on the detail.
 * </ul>
 */
public enum ToolFailureMessages {
  /**
   * The exception's message (its class's simple name when it has none). The default: a tool's
   * result is read by a model, which can often correct itself or explain the failure from the
   * message, and it is what the other MCP SDKs send. Choose {@link #GENERIC} when exceptions may
   * carry internals (paths, SQL, host names) that a client must not see.
   */
  EXCEPTION_MESSAGE,

  /** A fixed text naming only the tool, {@code tool 'NAME' failed}; the detail stays in the log. */
  GENERIC
}
