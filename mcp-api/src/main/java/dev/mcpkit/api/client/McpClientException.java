package dev.mcpkit.api.client;

import dev.mcpkit.api.McpException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.io.Serial;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A client call failed: the server answered with a JSON-RPC error ({@link #error()}), an HTTP
 * status the call cannot continue after ({@link #httpStatus()}), or the connection failed.
 */
public class McpClientException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  private final transient @Nullable JsonRpcError error;

  /** The HTTP status of the failed call, or 0 without one. */
  private final int httpStatus;

  /**
   * A failure without a JSON-RPC error or status.
   *
   * @param message what failed
   * @param cause the cause, or {@code null}
   */
  public McpClientException(String message, @Nullable Throwable cause) {
    this(message, null, 0, cause);
  }

  /**
   * A failure.
   *
   * @param message what failed
   * @param error the server's JSON-RPC error, or {@code null}
   * @param httpStatus the HTTP status, or 0
   * @param cause the cause, or {@code null}
   */
  public McpClientException(
      String message, @Nullable JsonRpcError error, int httpStatus, @Nullable Throwable cause) {
    super(message, cause);
    this.error = error;
    this.httpStatus = httpStatus;
  }

  /**
   * The JSON-RPC error the server answered with.
   *
   * @return the error, if any
   */
  public Optional<JsonRpcError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The HTTP status that ended the call.
   *
   * @return the status, or 0 when none
   */
  public int httpStatus() {
    return httpStatus;
  }
}
