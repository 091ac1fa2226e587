package dev.mcpkit.session;

import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.session.internal.events.InMemoryEventStore;

/**
 * Creates {@link EventStore}s, which keep SSE events so that clients can resume broken streams with
 * {@code Last-Event-ID}.
 *
 * {@snippet :
 * EventStore events = EventStores.inMemory(500, 50_000);
 * }
 */
public final class EventStores {
  /** The default bound on events kept per stream. */
  public static final int DEFAULT_MAX_EVENTS_PER_STREAM = 1_000;

  /** The default bound on events kept across all sessions and streams. */
  public static final int DEFAULT_MAX_RETAINED_EVENTS = 100_000;

  private EventStores() {}

  /**
   * Creates an in-memory store with the default bounds, {@value #DEFAULT_MAX_EVENTS_PER_STREAM}
   * events per stream and {@value #DEFAULT_MAX_RETAINED_EVENTS} in all.
   *
   * @return a new, empty, thread-safe store
   * @see #inMemory(int, int)
   */
  public static EventStore inMemory() {
    return inMemory(DEFAULT_MAX_EVENTS_PER_STREAM, DEFAULT_MAX_RETAINED_EVENTS);
  }

  /**
   * Creates an in-memory store with the given bounds. Appending to a full stream evicts that
   * stream's oldest event; an append that takes the total over {@code maxRetainedEvents} evicts
   * whole streams, oldest created first, until the total fits again. Evicted events are not
   * replayable: a {@code Last-Event-ID} that needs one gets {@link EventStore#NOT_REPLAYABLE}. The
   * bounds count events, not bytes. Per session, a few dozen bytes of bookkeeping stay until {@link
   * EventStore#dropSession} is called.
   *
   * @param maxEventsPerStream the most events kept per stream; positive
   * @param maxRetainedEvents the most events kept in all; at least {@code maxEventsPerStream}
   * @return a new, empty, thread-safe store
   * @throws IllegalArgumentException if a bound is out of range; the message names it
   */
  public static EventStore inMemory(int maxEventsPerStream, int maxRetainedEvents) {
    return new InMemoryEventStore(maxEventsPerStream, maxRetainedEvents);
  }
}
