package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The embedded {@link SessionStore}: records in a {@link ConcurrentHashMap}. Shared by several
 * managers in one JVM, it lets each of them serve the others' sessions (tests, or one process with
 * several endpoints).
 *
 * <p>Thread-safe: every operation is a single atomic map operation; {@link #touch} only updates a
 * record that exists ({@code computeIfPresent}), so a late touch never resurrects a deleted
 * session, and never moves the last activity backwards.
 */
public final class InMemorySessionStore implements SessionStore {
  private final ConcurrentHashMap<SessionId, SessionRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemorySessionStore() {}

  @Override
  public void save(SessionRecord record) {
    requireNonNull(record, "record");
    records.put(record.id(), record);
  }

  @Override
  public Optional<SessionRecord> load(SessionId id) {
    requireNonNull(id, "id");
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public boolean delete(SessionId id) {
    requireNonNull(id, "id");
    return records.remove(id) != null;
  }

  @Override
  public void touch(SessionId id, Instant lastActivity) {
    requireNonNull(id, "id");
    requireNonNull(lastActivity, "lastActivity");
    records.computeIfPresent(
        id,
        (key, r) ->
            r.lastActivity().isBefore(lastActivity)
                ? new SessionRecord(
                    r.id(),
                    r.state(),
                    r.createdAt(),
                    lastActivity,
                    r.protocolVersion(),
                    r.clientInfo(),
                    r.clientCapabilities(),
                    r.principalName(),
                    r.attributes())
                : r);
  }

  @Override
  public void scan(Consumer<? super SessionRecord> action) {
    requireNonNull(action, "action");
    records.values().forEach(action);
  }

  /**
   * Returns the number of records.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }

  /** Never blocks on I/O: memory guarded by short locks. */
  @Override
  public InvocationType invocationType() {
    return InvocationType.NON_BLOCKING;
  }
}
