package dev.mcpkit.api.spi;

import dev.mcpkit.api.SessionId;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps session records outside the session manager's memory, so sessions can outlive the process
 * or be served by several nodes. The manager writes a record when a session is created or changes
 * state, deletes it when the session closes, and loads it when a request names a session it does not
 * hold.
 *
 * <p>Implementations must be thread-safe. They should be fast: {@link #save(SessionRecord)} and
 * {@link #delete(SessionId)} run on request threads (at lifecycle transitions, not per request).
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
   * Records activity on a session. Stores that expire records by themselves use this to refresh the
   * expiry; the manager calls it at most once per touch granularity per session. Does nothing by
   * default.
   *
   * @param id the session's id
   * @param lastActivity the new last-activity time
   */
  default void touch(SessionId id, Instant lastActivity) {}

  /**
   * Visits every record; weakly consistent.
   *
   * @param action what to do with each record
   */
  void scan(Consumer<? super SessionRecord> action);
}
