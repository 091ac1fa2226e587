package dev.mcpkit.api.server;

/**
 * Whether a tool runs as a task (the {@code io.modelcontextprotocol/tasks} extension of revision
 * 2026-07-28): a call made as a task is answered at once with a task handle, which the client polls
 * with {@code tasks/get} for the status and, once finished, the result; it may cancel it with
 * {@code tasks/cancel} and answer the task's input requests with {@code tasks/update}. The server
 * decides: a call of a tool that supports tasks, from a client that declared the extension (for the
 * session or in the request's {@code _meta}), is made as a task; any other call runs as a plain
 * {@code tools/call}.
 *
 * <p>A handler needs no other style to run as a task: it reports progress and asks for input
 * through its {@link ToolContext} as it would in a plain call.
 */
public enum TaskSupport {
  /** Never a task: every call is a plain {@code tools/call} (the default). */
  FORBIDDEN("forbidden"),
  /** A task when the client declared the extension; a plain call otherwise. */
  OPTIONAL("optional"),
  /**
   * Only as a task: a client that did not declare the extension is refused with {@code -32021}
   * (missing required client capability) before the handler runs.
   */
  REQUIRED("required");

  private final String wireName;

  TaskSupport(String wireName) {
    this.wireName = wireName;
  }

  /**
   * The value of {@code execution.taskSupport} in {@code tools/list}.
   *
   * @return {@code forbidden}, {@code optional} or {@code required}
   */
  public String wireName() {
    return wireName;
  }
}
