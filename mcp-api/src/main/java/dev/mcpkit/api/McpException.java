package dev.mcpkit.api;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * Root of every unchecked exception that mcpkit throws for a condition of its own (as opposed to
 * misuse, which is reported with the JDK's {@link IllegalArgumentException} and {@link
 * IllegalStateException}).
 */
public class McpException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, for humans
   */
  public McpException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for humans
   * @param cause the underlying failure, if any
   */
  public McpException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
