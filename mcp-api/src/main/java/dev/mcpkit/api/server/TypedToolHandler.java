package dev.mcpkit.api.server;

/**
 * The code behind a {@linkplain Tool#typed typed tool}: it receives the call's arguments bound to a
 * Java type, already validated against the tool's input schema.
 *
 * @param <A> the type the arguments bind to, usually a record
 * @param <R> the result: a value that becomes {@code structuredContent}, a {@link ToolResult}, or a
 *     {@link String} for a text result
 */
@FunctionalInterface
public interface TypedToolHandler<A, R> {

  /**
   * Runs the tool.
   *
   * @param arguments the bound arguments
   * @param context the request's context: session, progress, logging, cancellation
   * @return the result
   * @throws Exception if the tool fails; reported to the client as an {@code isError} result with
   *     the exception's message
   */
  R call(A arguments, ToolContext context) throws Exception;
}
