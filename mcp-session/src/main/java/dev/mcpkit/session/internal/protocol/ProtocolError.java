package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.io.Serial;

/**
 * Ends the handling of one request with a JSON-RPC error response. Control flow for bad input, so
 * it carries no stack trace.
 */
public final class ProtocolError extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;

  public ProtocolError(int code, String message) {
    super(message, null, false, false);
    this.error = JsonRpcError.of(code, message);
  }

  public ProtocolError(JsonRpcError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  public JsonRpcError error() {
    return error;
  }
}
