package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request: expects exactly one {@link JsonRpcResponse} or {@link JsonRpcErrorResponse} with the
 * same id.
 *
 * @param id the request id
 * @param method the method name, e.g. {@code tools/call}
 * @param params the parameters (an object), or {@code null} if absent
 */
public record JsonRpcRequest(RequestId id, String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  /** Validates the fields. */
  public JsonRpcRequest {
    requireNonNull(id, "id");
    requireNonNull(method, "method");
  }
}
