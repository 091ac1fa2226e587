package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code error} member of an error response.
 *
 * @param code the error code; the standard ones are constants of this record
 * @param message a short description, safe to show to the peer (never a stack trace)
 * @param data additional information, or {@code null}
 */
public record JsonRpcError(int code, String message, @Nullable JsonNode data) {
  /** Invalid JSON was received. */
  public static final int PARSE_ERROR = -32700;

  /** The JSON sent is not a valid request object. */
  public static final int INVALID_REQUEST = -32600;

  /** The method does not exist or is not available. */
  public static final int METHOD_NOT_FOUND = -32601;

  /** Invalid method parameters. */
  public static final int INVALID_PARAMS = -32602;

  /** Internal error. */
  public static final int INTERNAL_ERROR = -32603;

  /** Validates the fields. */
  public JsonRpcError {
    requireNonNull(message, "message");
  }

  /**
   * Creates an error without data.
   *
   * @param code the error code
   * @param message a short description
   * @return the error
   */
  public static JsonRpcError of(int code, String message) {
    return new JsonRpcError(code, message, null);
  }
}
