package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * A successful response.
 *
 * @param id the id of the request answered
 * @param result the result (an object)
 */
public record JsonRpcResponse(RequestId id, JsonNode result) implements JsonRpcMessage {
  /** Validates the fields. */
  public JsonRpcResponse {
    requireNonNull(id, "id");
    requireNonNull(result, "result");
  }
}
