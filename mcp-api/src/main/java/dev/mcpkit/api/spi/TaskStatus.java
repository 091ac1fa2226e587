package dev.mcpkit.api.spi;

/**
 * The status of a task (the {@code io.modelcontextprotocol/tasks} extension). {@link #WORKING} and
 * {@link #INPUT_REQUIRED} are live; the other three are terminal: once a task reaches one, its
 * status never changes again.
 */
public enum TaskStatus {
  /** The handler is running. */
  WORKING("working"),
  /** The handler waits for the client's answers to the task's input requests. */
  INPUT_REQUIRED("input_required"),
  /** The handler returned a result (which may be a tool error, {@code isError: true}). */
  COMPLETED("completed"),
  /** The call failed with a protocol-level error, or the node running it went away. */
  FAILED("failed"),
  /** The client cancelled the task. */
  CANCELLED("cancelled");

  private final String wireName;

  TaskStatus(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The status as the protocol spells it.
   *
   * @return {@code working}, {@code input_required}, {@code completed}, {@code failed} or {@code
   *     cancelled}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * Whether the status is final.
   *
   * @return {@code true} for {@link #COMPLETED}, {@link #FAILED} and {@link #CANCELLED}
   */
  public boolean isTerminal() {
    return switch (this) {
      case WORKING, INPUT_REQUIRED -> false;
      case COMPLETED, FAILED, CANCELLED -> true;
    };
  }
}
