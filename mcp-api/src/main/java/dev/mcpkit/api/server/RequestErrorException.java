package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.io.Serial;

/**
 * Thrown by {@link DynamicMethods#handle} to answer a request with this JSON-RPC error, exactly as
 * given (a gateway passes its upstream's error on this way).
 */
public final class RequestErrorException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;

  /**
   * Creates the exception.
   *
   * @param error the error to answer with
   */
  public RequestErrorException(JsonRpcError error) {
    super(requireNonNull(error, "error").code() + ": " + error.message());
    this.error = error;
  }

  /**
   * Returns the error to answer with.
   *
   * @return the error
   */
  public JsonRpcError error() {
    return error;
  }
}
