package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Suggests values for one prompt argument or resource template variable ({@code
 * completion/complete}).
 *
 * <p>Called concurrently by the requests of every session, so implementations must be thread-safe.
 * It runs on the virtual thread of the request, so it may block; keep it fast, clients call it as
 * the user types. An exception thrown here becomes a JSON-RPC internal error (an {@link
 * IllegalArgumentException}: "Invalid params" with its message).
 *
 * {@snippet :
 * CompletionHandler cities = CompletionHandler.prefixOf(List.of("paris", "park", "party"));
 * }
 */
@FunctionalInterface
public interface CompletionHandler {

  /**
   * Suggests values.
   *
   * @param value what the user typed so far for this argument
   * @param arguments the values of the other arguments already resolved, by name (the request's
   *     {@code context.arguments}); empty if none
   * @param context the request's context
   * @return the suggestions
   * @throws IllegalArgumentException if the arguments are wrong: the JSON-RPC error {@code -32602}
   *     (Invalid params) with its message (see {@link ToolFailureMessages} for every case)
   * @throws Exception if completion fails: a generic {@code -32603} (Internal error) for the
   *     client, logged at {@code WARN} with its stack trace on the server
   */
  Completion complete(String value, Map<String, String> arguments, RequestContext context)
      throws Exception;

  /**
   * Completes from a fixed list: the options that start with the typed value, in list order.
   *
   * @param options the options
   * @return the handler
   */
  static CompletionHandler prefixOf(List<String> options) {
    List<String> copy = List.copyOf(requireNonNull(options, "options"));
    return (value, arguments, context) -> {
      List<String> matches = new ArrayList<>();
      for (String option : copy) {
        if (option.startsWith(value)) {
          matches.add(option);
        }
      }
      return Completion.of(matches);
    };
  }
}
