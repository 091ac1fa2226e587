package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An error response.
 *
 * @param id the id of the request answered, or {@code null} when it could not be determined (for
 *     example a parse error)
 * @param error the error
 */
public record JsonRpcErrorResponse(@Nullable RequestId id, JsonRpcError error)
    implements JsonRpcMessage {
  /** Validates the fields. */
  public JsonRpcErrorResponse {
    requireNonNull(error, "error");
  }
}
