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
   * @throws Exception if rendering fails
   */
  PromptResult get(Map<String, String> arguments, RequestContext context) throws Exception;
}
