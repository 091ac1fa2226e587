package dev.mcpkit.session;

import dev.mcpkit.api.spi.TaskStore;
import dev.mcpkit.session.internal.tasks.InMemoryTaskStore;
import java.time.InstantSource;

/**
 * Creates {@link TaskStore}s, which keep the tasks of tool calls made as tasks (the {@code
 * io.modelcontextprotocol/tasks} extension).
 *
 * {@snippet :
 * McpEngine engine = McpEngines.builder(config, sessions)
 *     .tasks(TaskStores.inMemory(50_000))
 *     .build();
 * }
 */
public final class TaskStores {
  /** The default bound on tasks kept at once. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private TaskStores() {}

  /**
   * Creates an in-memory store of at most {@value #DEFAULT_CAPACITY} tasks.
   *
   * @return a new, empty, thread-safe store
   * @see #inMemory(int)
   */
  public static TaskStore inMemory() {
    return inMemory(DEFAULT_CAPACITY);
  }

  /**
   * Creates an in-memory store of at most {@code capacity} tasks. Finished tasks are forgotten once
   * their time to live has passed; live ones are never evicted, so a full store refuses new tasks
   * (the call is answered with an error) until some finish and expire. Tasks do not survive the
   * process and are not shared between nodes.
   *
   * @param capacity the most tasks kept at once; positive
   * @return a new, empty, thread-safe store
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public static TaskStore inMemory(int capacity) {
    return new InMemoryTaskStore(capacity, InstantSource.system());
  }
}
