package dev.mcpkit.api.client;

import tools.jackson.databind.JsonNode;

/**
 * Answers one kind of request that the server sends to the client, e.g. {@code
 * sampling/createMessage}, {@code elicitation/create} or {@code roots/list}. It runs on a virtual
 * thread of its own and may block. Throwing {@link McpClientException} with an {@link
 * McpClientException#error()} answers with that error; any other exception answers with an internal
 * error (its message is not sent).
 */
@FunctionalInterface
public interface ServerRequestHandler {

  /**
   * Answers the request.
   *
   * @param params the request's params (an empty object when it had none)
   * @return the result to send back
   * @throws Exception to answer with an error
   */
  JsonNode handle(JsonNode params) throws Exception;
}
