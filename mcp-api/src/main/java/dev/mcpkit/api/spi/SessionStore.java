package dev.mcpkit.api.spi;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps session records outside the session manager's memory, so sessions can outlive the process
 * or be served by several nodes. The manager writes a record when a session is created or changes
 * state, deletes it when the session closes, and loads it when a request names a session it does
 * not hold.
 *
 * <p>Implementations must be thread-safe. They should be fast: {@link #save(SessionRecord)} and
 * {@link #delete(SessionId)} run on request threads (at lifecycle transitions, not per request).
 *
 * <h2>Shared stores</h2>
 *
 * A store shared by several nodes (each with its own manager) tells the managers about sessions
 * that ended elsewhere through the {@link Watcher} they register with {@link #watch(Watcher)}, so
 * that every node drops its local copy. Managers never close a session for idleness on their own
 * view alone while they have a store: they first {@link #load} the record, whose {@code
 * lastActivity} reflects activity on every node. A manager that shuts down, or evicts a session to
 * make room, leaves the record in the store (another node, or this one after a restart, serves it).
 * A store that cannot be reached throws {@link StoreUnavailableException} from any method; the
 * manager lets it through to the request (which the transport answers with 503) rather than treat
 * the session as unknown.
 */
public interface SessionStore {

  /**
   * Saves (inserts or replaces) a record.
   *
   * @param record the record
   */
  void save(SessionRecord record);

  /**
   * Loads a record.
   *
   * @param id the session's id
   * @return the record, or empty if the store holds none for that id
   */
  Optional<SessionRecord> load(SessionId id);

  /**
   * Deletes a record.
   *
   * @param id the session's id
   * @return {@code true} if a record was deleted
   */
  boolean delete(SessionId id);

  /**
   * Deletes a record because its session closed for {@code reason}. A shared store passes the
   * reason on to the other nodes' {@link Watcher}s. The manager calls this one; by default it is
   * {@link #delete(SessionId)}.
   *
   * @param id the session's id
   * @param reason why the session closed
   * @return {@code true} if a record was deleted
   */
  default boolean delete(SessionId id, CloseReason reason) {
    return delete(id);
  }

  /**
   * Records activity on a session. Stores that expire records by themselves use this to refresh the
   * expiry; the manager calls it at most once per touch granularity per session. Does nothing by
   * default.
   *
   * @param id the session's id
   * @param lastActivity the new last-activity time
   */
  default void touch(SessionId id, Instant lastActivity) {}

  /**
   * Registers the manager that wants to hear about sessions removed elsewhere (deleted by another
   * node, or expired inside the store). A manager calls it once when it starts. Stores that only
   * one manager uses need not do anything, which is the default.
   *
   * @param watcher told about removals; must be called off the store's I/O threads
   */
  default void watch(Watcher watcher) {}

  /**
   * What a shared store tells a manager about changes it did not make itself. Implementations are
   * thread-safe and may be called from any thread.
   */
  interface Watcher {
    /**
     * A session's record was removed by someone else; the manager closes its local copy, if it
     * holds one, with that reason.
     *
     * @param id the session
     * @param reason why it ended, as far as the store knows
     */
    void removed(SessionId id, CloseReason reason);

    /**
     * The store may have missed removals (for example its notification channel was disconnected):
     * the manager checks every local copy against the store and closes those whose record is gone.
     */
    void resync();
  }

  /**
   * Visits every record; weakly consistent.
   *
   * @param action what to do with each record
   */
  void scan(Consumer<? super SessionRecord> action);

  /**
   * Tells whether this store's methods may block the caller on I/O (a network store does; a store
   * in memory, guarded by short locks, does not). Callers that must not block, such as a
   * transport's I/O threads, use only stores that answer {@link InvocationType#NON_BLOCKING}. The
   * default says blocking.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if no method blocks on I/O
   */
  default InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }
}
