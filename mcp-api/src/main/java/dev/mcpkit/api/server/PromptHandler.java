package dev.mcpkit.api.server;

import java.util.Map;

/**
 * The code behind a {@link Prompt}: turns the arguments into messages for {@code prompts/get}.
 *
 * <p>Called concurrently by the requests of every session, so implementations must be thread-safe.
 * It runs on the virtual thread of the request, so it may block. The engine checks that every
 * required argument is present before calling it. An exception thrown here becomes a JSON-RPC
 * internal error, except {@link IllegalArgumentException}, which becomes an "Invalid params" error
 * with its message (for arguments the handler finds unacceptable); the client never sees a stack
 * trace.
 */
@FunctionalInterface
public interface PromptHandler {

  /**
   * Renders the prompt.
   *
   * @param arguments the arguments, by name (empty if the client sent none)
   * @param context the request's context
   * @return the messages
   * @throws IllegalArgumentException if the arguments are wrong: the JSON-RPC error {@code -32602}
   *     (Invalid params) with its message (see {@link ToolFailureMessages} for every case)
   * @throws Exception if rendering fails: a generic {@code -32603} (Internal error) for the client,
   *     logged at {@code WARN} with its stack trace on the server
   */
  PromptResult get(Map<String, String> arguments, RequestContext context) throws Exception;
}
