package dev.mcpkit.api.spi;

import dev.mcpkit.api.McpException;
import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionStore} or {@link EventStore} cannot be reached (a remote store's server is down,
 * or a command timed out). Stores throw it instead of waiting: a request that needs the store fails
 * at once, and transports answer it with HTTP 503 and a JSON-RPC error, so the client retries later
 * (the store reconnects by itself). Nothing was changed by the failed operation, unless its
 * documentation says otherwise.
 */
public class StoreUnavailableException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be done, for humans (never sent to clients verbatim)
   * @param cause the underlying failure, if any
   */
  public StoreUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
