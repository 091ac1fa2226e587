package dev.mcpkit.api;

import java.io.Serial;

/**
 * Thrown by {@link BoundedExecutor#execute(Runnable)} when every permit is taken (or the executor
 * is shut down). A transport answers it with 503 and {@code Retry-After}; the task was not run.
 */
public final class ExecutorSaturatedException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what happened, safe to show to a client
   */
  public ExecutorSaturatedException(String message) {
    super(message);
  }
}
