package dev.mcpkit.transport.jetty.internal.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} SSE event ids seen on one stream, to drop the events a resumed stream
 * replays. Bounded because a session's GET stream may live for days: an unbounded set of every id
 * ever seen is a slow leak.
 *
 * <p>Why recent ids and not only the last one: mcpkit's server numbers the events of a stream in
 * increasing order, so "after the last id" would do for it, but the specification makes event ids
 * opaque strings, and another server may replay from its own idea of where the client was. A replay
 * repeats what came just before the break, so the most recent ids are the ones a duplicate can
 * match; an id older than the last {@code capacity} is taken as new.
 *
 * <p>Thread-safety: not thread-safe; confined to the thread that reads the stream.
 */
final class RecentEventIds {
  /** Enough for any replay after a break; 1,024 short ids cost some tens of KiB at most. */
  static final int DEFAULT_CAPACITY = 1024;

  private final int capacity;

  /** Insertion order: the eldest entry is the id seen longest ago; values are unused. */
  private final LinkedHashMap<String, Boolean> ids;

  RecentEventIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
    this.ids =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RecentEventIds.this.capacity;
          }
        };
  }

  /**
   * Records an id.
   *
   * @param id the event's id
   * @return {@code true} if the id is new, {@code false} if it is among the recent ones (a replay)
   */
  boolean add(String id) {
    return ids.putIfAbsent(id, Boolean.TRUE) == null;
  }

  /** How many ids are remembered; at most the capacity. */
  int size() {
    return ids.size();
  }
}
