package dev.mcpkit.benchmarks;

import dev.mcpkit.api.SessionId;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The plain-map baseline: {@code ConcurrentHashMap.get} plus a volatile write of the last-access
 * time, and expiry by scanning every entry (O(live)). Thread-safe.
 */
final class ChmSessionTable implements SessionTable {
  /** The value kept per session; the fields a minimal session needs for idle expiry. */
  static final class Entry {
    final SessionId id;
    final long createdAtMillis;

    /** Volatile: the baseline the issue names (lookup + volatile write), no granularity skip. */
    volatile long lastAccessMillis;

    Entry(SessionId id, long nowMillis) {
      this.id = id;
      this.createdAtMillis = nowMillis;
      this.lastAccessMillis = nowMillis;
    }
  }

  private final ConcurrentHashMap<SessionId, Entry> map = new ConcurrentHashMap<>();
  private final InstantSource clock;
  private final long idleMillis;

  ChmSessionTable(Config config) {
    this.clock = config.clock();
    this.idleMillis = config.idleTimeout().toMillis();
  }

  @Override
  public SessionId create() {
    SessionId id = SessionIds.next();
    map.put(id, new Entry(id, clock.millis()));
    return id;
  }

  @Override
  public @Nullable Object touch(SessionId id) {
    Entry entry = map.get(id);
    if (entry != null) {
      entry.lastAccessMillis = clock.millis();
    }
    return entry;
  }

  @Override
  public boolean terminate(SessionId id) {
    return map.remove(id) != null;
  }

  @Override
  public int expire() {
    long now = clock.millis();
    int removed = 0;
    for (Iterator<Entry> it = map.values().iterator(); it.hasNext(); ) {
      if (now - it.next().lastAccessMillis > idleMillis) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public void close() {
    map.clear();
  }
}
