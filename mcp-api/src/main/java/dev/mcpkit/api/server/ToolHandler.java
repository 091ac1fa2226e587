package dev.mcpkit.api.server;

import tools.jackson.databind.JsonNode;

/**
 * The code behind a tool.
 *
 * <p>It runs on the virtual thread of the request that called the tool, so it may block. When the
 * client cancels the call, that thread is interrupted and {@link ToolContext#isCancelled()} turns
 * {@code true}. An exception thrown here becomes an {@link ToolResult#isError() isError} result
 * whose text is the exception's message; the client never sees a stack trace.
 */
@FunctionalInterface
public interface ToolHandler {

  /**
   * Runs the tool.
   *
   * @param arguments the {@code arguments} object of {@code tools/call} (an empty object if absent)
   * @param context the request's context: session, progress, logging, cancellation
   * @return the result
   * @throws Exception if the tool fails; reported to the client as an {@code isError} result
   */
  ToolResult call(JsonNode arguments, ToolContext context) throws Exception;
}
