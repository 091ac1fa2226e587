package dev.mcpkit.api.spi;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Keeps the records of tasks (the {@code io.modelcontextprotocol/tasks} extension), so that the
 * status, input requests and result of a long-running tool call can be read and changed by any
 * request, on any node that shares the store. The engine that runs a task's handler writes its
 * progress through {@link #update}; {@code tasks/get} reads with {@link #get}; {@code tasks/update}
 * and {@code tasks/cancel} change the record with {@link #update}, and the node running the handler
 * learns of the change through its {@linkplain #watch watcher}.
 *
 * <p>Implementations must be thread-safe. The default is in memory and bounded ({@code
 * dev.mcpkit.session.TaskStores.inMemory}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Durable create.</b> When {@link #create} returns {@code true}, every node's {@link #get}
 *       sees the record: the engine hands the task id to the client only afterwards, and the client
 *       may poll at once.
 *   <li><b>Atomic updates.</b> {@link #update} applies its function to the current record and
 *       stores the outcome as one atomic step with respect to every other {@code update} of the
 *       same task, on every node (a compare-and-set loop is fine: the function is pure and may be
 *       applied more than once). This is what makes the first terminal status win: {@link
 *       TaskRecord#end} keeps an ended record as it is, so a completion racing a cancellation
 *       leaves whichever was applied first.
 *   <li><b>Change notification.</b> After an {@code update} changed a record, the store calls the
 *       watchers registered with {@link #watch} with the new record, on the node that made the
 *       change and on every other node that shares the store. Notifications may arrive late or out
 *       of order, but never before the change is visible to {@link #get}: the engine treats one
 *       only as a signal to re-read the record. The engine running a task relies on it to hear of a
 *       {@code tasks/update} or {@code tasks/cancel} received elsewhere; watchers may be called on
 *       the caller's thread and must not block.
 *   <li><b>Expiry.</b> A record whose {@link TaskRecord#expiresAt()} has passed is gone: {@link
 *       #get} and {@link #update} return empty. Live records never expire.
 *   <li><b>Bounded.</b> A store may refuse a new record when full ({@link #create} returns {@code
 *       false}); the engine then answers the call with an error and runs nothing.
 *   <li><b>Failed nodes.</b> A store shared by several nodes must not let a task stay live forever
 *       once the node in its {@link TaskRecord#node()} is gone: it keeps track of each node's
 *       liveness (a heartbeat key with an expiry, for example) and, once a node is known dead, ends
 *       its live tasks with {@link TaskStatus#FAILED} and a JSON-RPC error {@code -32603} ("the
 *       node running the task went away") through the same {@link #update} path, so pollers on
 *       other nodes see a terminal status within a bounded time. A single-node store, like the
 *       in-memory one, loses its tasks together with the node and needs nothing.
 *   <li><b>Unavailable.</b> A store that cannot be reached throws {@link StoreUnavailableException}
 *       from any method; the engine answers the request with an error.
 * </ul>
 */
public interface TaskStore {

  /**
   * Stores a new record.
   *
   * @param record the task's first record; its id must be new
   * @return {@code true} if stored; {@code false} if the store is full
   * @throws IllegalStateException if a record with that id exists
   */
  boolean create(TaskRecord record);

  /**
   * Reads a record.
   *
   * @param taskId the task's id
   * @return the record, or empty if the store holds none for that id (never created, or expired)
   */
  Optional<TaskRecord> get(String taskId);

  /**
   * Changes a record atomically and tells the watchers about the new one, when it changed.
   *
   * @param taskId the task's id
   * @param change computes the new record from the current one; pure (it may run more than once),
   *     it returns its argument unchanged to leave the record as it is
   * @return the record after the change, or empty if the store holds none for that id
   */
  Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change);

  /**
   * Registers a watcher of changed records; an engine calls it once when it starts.
   *
   * @param watcher called with each record after it changed; must not block
   */
  void watch(Consumer<TaskRecord> watcher);
}
