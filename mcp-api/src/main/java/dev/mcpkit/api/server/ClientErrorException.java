package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.io.Serial;

/**
 * Thrown by {@link ToolContext#request} when the client answered the server's request with a
 * JSON-RPC error (for example, the user declined a sampling request).
 */
public final class ClientErrorException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;

  /**
   * Creates the exception.
   *
   * @param method the method of the request the client refused
   * @param error the client's error
   */
  public ClientErrorException(String method, JsonRpcError error) {
    super(
        "the client answered "
            + requireNonNull(method, "method")
            + " with error "
            + requireNonNull(error, "error").code()
            + ": "
            + error.message());
    this.error = error;
  }

  /**
   * Returns the client's error.
   *
   * @return the error
   */
  public JsonRpcError error() {
    return error;
  }
}
