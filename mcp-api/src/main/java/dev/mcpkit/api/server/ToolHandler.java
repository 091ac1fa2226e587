package dev.mcpkit.api.server;

import tools.jackson.databind.JsonNode;

/**
 * The code behind a tool.
 *
 * <p>It runs on the virtual thread of the request that called the tool, so it may block. When the
 * client cancels the call, that thread is interrupted and {@link ToolContext#isCancelled()} turns
 * {@code true}. An exception thrown here becomes an {@link ToolResult#isError() isError} result;
 * the client never sees a stack trace. Throw {@link IllegalArgumentException} when the arguments
 * are wrong: its message always reaches the client (so a model can correct its call) and the server
 * logs it at {@code DEBUG}. Any other exception is logged at {@code WARN} with its stack trace, and
 * the result's text is its message or a generic one, as {@link ToolFailureMessages} chooses.
 */
@FunctionalInterface
public interface ToolHandler {

  /**
   * Runs the tool.
   *
   * @param arguments the {@code arguments} object of {@code tools/call} (an empty object if absent)
   * @param context the request's context: session, progress, logging, cancellation
   * @return the result
   * @throws IllegalArgumentException if the arguments are wrong; an {@code isError} result with its
   *     message
   * @throws Exception if the tool fails; an {@code isError} result (see {@link
   *     ToolFailureMessages})
   */
  ToolResult call(JsonNode arguments, ToolContext context) throws Exception;
}
