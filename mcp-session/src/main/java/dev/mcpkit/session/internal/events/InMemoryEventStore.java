package dev.mcpkit.session.internal.events;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import dev.mcpkit.session.internal.AutoLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A bounded {@link EventStore} in this process's memory.
 *
 * <h2>Structure</h2>
 *
 * A {@link ConcurrentHashMap} from session to {@link Session}, which holds the session's sequence
 * counter and a {@code ConcurrentHashMap} from stream id to {@link Stream}. A {@code Stream} is a
 * ring buffer of (sequence, message) pairs that grows by doubling up to {@code maxEventsPerStream}.
 * Every live {@code Stream} is also linked, in creation order, into one intrusive doubly-linked
 * list, the eviction order.
 *
 * <h2>Bounds</h2>
 *
 * <ul>
 *   <li>Per stream: at most {@code maxEventsPerStream} events; appending to a full stream evicts
 *       its oldest event. A {@code Last-Event-ID} at or after the newest evicted event still
 *       replays; one before it reports {@link #NOT_REPLAYABLE}, since an event it needs is gone.
 *   <li>Globally: at most {@code maxRetainedEvents} events across all sessions. An append that
 *       pushes the total over the cap evicts <em>whole streams, oldest created first</em>, until
 *       the total is back within it; ids of an evicted stream are no longer replayable, and a later
 *       append to the same stream id starts a new stream (the old ids stay unreplayable). Whole
 *       streams go, rather than single events, because a stream with a hole cannot be resumed
 *       anyway, and creation order costs nothing on the append path. While appends run concurrently
 *       the total may exceed the cap by at most the number of appends in flight.
 *   <li>Bookkeeping per session (a counter and an empty map, well under a hundred bytes) stays
 *       until {@link #dropSession}, even when all its streams were evicted: the counter is what
 *       keeps event ids unique within the session. The session manager bounds the number of
 *       sessions, and the transport drops a session when it closes.
 * </ul>
 *
 * The caps count events, not bytes: the memory bound is the caps times the largest message.
 *
 * <h2>Thread-safety and correctness</h2>
 *
 * All methods are safe to call concurrently. There are three kinds of lock, none ever held while
 * calling user code:
 *
 * <ul>
 *   <li>each {@code Stream}'s lock guards its ring, its counters and its {@code dead} flag;
 *   <li>each {@code Session}'s lock serializes creating streams against {@link #dropSession}
 *       (guards {@code closed});
 *   <li>one {@code evictionLock} guards the eviction list (the links and {@code linked} flags).
 * </ul>
 *
 * Locks nest only as session &rarr; eviction (linking a new stream) and eviction &rarr; stream
 * (killing the oldest stream); nothing takes a session or eviction lock while holding a stream
 * lock, or a session lock while holding the eviction lock, so there is no cycle and no deadlock.
 *
 * <p><b>Unique ids.</b> A sequence number is taken from the session's {@link AtomicLong} by {@code
 * incrementAndGet}, so no two events of one {@code Session} object share one. The {@code Session}
 * object of a session id is replaced only after {@link #dropSession} removed it, so ids are unique
 * for as long as the store holds the session.
 *
 * <p><b>Order along a stream.</b> The number is taken while holding the stream's lock and the event
 * is placed at the ring's tail under the same lock hold, so ring order equals sequence order, and
 * sequence order equals the order in which appends to the stream took its lock.
 *
 * <p><b>No lost appends.</b> A stream is removed (by {@link #dropStream}, {@link #dropSession} or
 * eviction) by setting {@code dead} under its lock and unmapping it. An append locks the stream it
 * looked up and retries the lookup if it finds it dead; so an append either lands in a live stream
 * before it dies (and is then accounted for and freed with it) or in the stream that replaced it.
 * Likewise a stream is created only under the session's lock with {@code closed} false, so {@link
 * #dropSession}, which sets {@code closed} under that lock and then kills every mapped stream,
 * misses none; an append that meets a closed session retries against a fresh one.
 *
 * <p><b>Exact accounting.</b> {@code retained} is changed only under the lock of the stream whose
 * size changes, by exactly that change, and a stream's size is subtracted once, by whoever sets
 * {@code dead}. So at quiescence {@code retained} equals the sum of live streams' sizes.
 *
 * <p><b>Replay never crosses streams, never skips.</b> A replay looks up the stream named by the id
 * and copies, under its lock, the events after the id; it returns {@link #NOT_REPLAYABLE} unless
 * the id is an event this ring holds or exactly the newest event the ring evicted, in which case
 * every later event of the stream is still in the ring. The copy is delivered after the lock is
 * released.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
public final class InMemoryEventStore implements EventStore {
  /** The ring's first capacity, so short streams (most POST streams) stay small. */
  private static final int INITIAL_CAPACITY = 8;

  private static final long[] NO_SEQUENCES = {};
  private static final String[] NO_MESSAGES = {};

  private final int maxEventsPerStream;
  private final long maxRetainedEvents;
  private final ConcurrentHashMap<SessionId, Session> sessions = new ConcurrentHashMap<>();
  // Read without a lock by the cap check after each append; atomic read-modify-write keeps it
  // exact.
  private final AtomicLong retained = new AtomicLong();

  private final AutoLock evictionLock = new AutoLock();
  // The eviction list: oldest-created live stream at the head. Guarded by evictionLock.
  private @Nullable Stream head;
  private @Nullable Stream tail;
  private int streamCount;

  /**
   * Creates a store.
   *
   * @param maxEventsPerStream the most events kept per stream; positive
   * @param maxRetainedEvents the most events kept in all; at least {@code maxEventsPerStream}
   * @throws IllegalArgumentException if a bound is out of range, naming it
   */
  public InMemoryEventStore(int maxEventsPerStream, int maxRetainedEvents) {
    if (maxEventsPerStream < 1) {
      throw new IllegalArgumentException(
          "maxEventsPerStream must be positive, was " + maxEventsPerStream);
    }
    if (maxRetainedEvents < maxEventsPerStream) {
      throw new IllegalArgumentException(
          "maxRetainedEvents must be at least maxEventsPerStream ("
              + maxEventsPerStream
              + "), was "
              + maxRetainedEvents);
    }
    this.maxEventsPerStream = maxEventsPerStream;
    this.maxRetainedEvents = maxRetainedEvents;
  }

  /**
   * {@inheritDoc}
   *
   * <p>If the append takes the total over {@code maxRetainedEvents} and the stream appended to is
   * the oldest, that stream itself is evicted: the returned id is valid but not replayable.
   */
  @Override
  public EventId append(SessionId session, StreamId stream, String message) {
    requireNonNull(session, "session");
    requireNonNull(stream, "stream");
    requireNonNull(message, "message");
    EventId id;
    for (; ; ) {
      Session s = sessions.get(session); // the common case, without computeIfAbsent's bin lock
      if (s == null) {
        s = sessions.computeIfAbsent(session, key -> new Session());
      }
      Stream buffer = s.streams.get(stream);
      if (buffer == null || buffer.dead) { // the unlocked read of dead is only a hint
        buffer = openStream(s, stream);
        if (buffer == null) {
          continue; // the session was dropped meanwhile; retry against its successor
        }
      }
      id = buffer.tryAppend(message);
      if (id != null) {
        break;
      }
      // the stream died between lookup and lock; look it up again
    }
    if (retained.get() > maxRetainedEvents) {
      enforceGlobalCap();
    }
    return id;
  }

  /** Returns the session's live stream of that id, creating it; null if the session is closed. */
  private @Nullable Stream openStream(Session s, StreamId streamId) {
    try (AutoLock ignored = s.lock.lock()) {
      if (s.closed) {
        return null;
      }
      Stream existing = s.streams.get(streamId);
      if (existing != null && !existing.dead) {
        return existing;
      }
      Stream created = new Stream(s, streamId);
      // Linked before it is mapped: dropStream unmaps without the session lock, and a stream it
      // unmapped and killed between a put and a link would be linked dead, counted forever. Mapped
      // second, whoever finds it can kill it; if the global cap evicts it in between, it is mapped
      // dead, and appends replace it (they check dead).
      link(created);
      s.streams.put(streamId, created); // replaces a dead one that its killer has not unmapped yet
      return created;
    }
  }

  @Override
  public Optional<StreamId> streamOf(SessionId session, EventId lastEventId) {
    requireNonNull(session, "session");
    requireNonNull(lastEventId, "lastEventId");
    Stream buffer = find(session, lastEventId.stream());
    if (buffer == null) {
      return Optional.empty();
    }
    return buffer.resumable(lastEventId.sequence()) ? Optional.of(buffer.id) : Optional.empty();
  }

  @Override
  public int replayAfter(
      SessionId session, EventId lastEventId, Consumer<? super StoredEvent> sink) {
    requireNonNull(session, "session");
    requireNonNull(lastEventId, "lastEventId");
    requireNonNull(sink, "sink");
    Stream buffer = find(session, lastEventId.stream());
    if (buffer == null) {
      return NOT_REPLAYABLE;
    }
    List<StoredEvent> events = buffer.snapshotAfter(lastEventId.sequence());
    if (events == null) {
      return NOT_REPLAYABLE;
    }
    for (StoredEvent event : events) {
      sink.accept(event);
    }
    return events.size();
  }

  private @Nullable Stream find(SessionId session, StreamId stream) {
    Session s = sessions.get(session);
    return s == null ? null : s.streams.get(stream);
  }

  @Override
  public void dropStream(SessionId session, StreamId stream) {
    requireNonNull(session, "session");
    requireNonNull(stream, "stream");
    Session s = sessions.get(session);
    if (s == null) {
      return;
    }
    Stream buffer = s.streams.remove(stream);
    if (buffer != null) {
      kill(buffer);
    }
  }

  @Override
  public void dropSession(SessionId session) {
    requireNonNull(session, "session");
    Session s = sessions.remove(session);
    if (s == null) {
      return;
    }
    List<Stream> streams;
    try (AutoLock ignored = s.lock.lock()) {
      s.closed = true; // from here on no stream is added to s
      streams = new ArrayList<>(s.streams.values());
      s.streams.clear();
    }
    for (Stream buffer : streams) {
      kill(buffer);
    }
  }

  /** Marks a stream dead, releases its events and unlinks it; idempotent. */
  private void kill(Stream buffer) {
    buffer.markDead();
    try (AutoLock ignored = evictionLock.lock()) {
      unlink(buffer);
    }
  }

  /** Evicts whole streams, oldest created first, until the retained total is within the cap. */
  private void enforceGlobalCap() {
    try (AutoLock ignored = evictionLock.lock()) {
      // Serialized by evictionLock, and markDead lowers retained before the next test, so this
      // evicts no more streams than needed (concurrent appends aside).
      while (retained.get() > maxRetainedEvents && head != null) {
        Stream victim = head;
        unlink(victim);
        victim.markDead(); // nests evictionLock -> stream lock, the permitted order
        victim.session.streams.remove(victim.id, victim);
      }
    }
  }

  // Guarded by evictionLock (callers hold it, or the session lock and then it, for link).
  private void link(Stream buffer) {
    try (AutoLock ignored = evictionLock.lock()) {
      buffer.prev = tail;
      if (tail == null) {
        head = buffer;
      } else {
        tail.next = buffer;
      }
      tail = buffer;
      buffer.linked = true;
      streamCount++;
    }
  }

  private void unlink(Stream buffer) {
    if (!buffer.linked) {
      return;
    }
    Stream prev = buffer.prev;
    Stream next = buffer.next;
    if (prev == null) {
      head = next;
    } else {
      prev.next = next;
    }
    if (next == null) {
      tail = prev;
    } else {
      next.prev = prev;
    }
    buffer.prev = null;
    buffer.next = null;
    buffer.linked = false;
    streamCount--;
  }

  /**
   * Counts the events held, across all sessions; exact when no call is in flight.
   *
   * @return the number of retained events
   */
  public long retainedEvents() {
    return retained.get();
  }

  /**
   * Counts the events held for one session.
   *
   * @param session the session
   * @return the number of its retained events
   */
  public long retainedEvents(SessionId session) {
    Session s = sessions.get(session);
    if (s == null) {
      return 0;
    }
    long total = 0;
    for (Stream buffer : s.streams.values()) {
      total += buffer.size();
    }
    return total;
  }

  /**
   * Counts the live streams, across all sessions.
   *
   * @return the number of streams
   */
  public int streamCount() {
    try (AutoLock ignored = evictionLock.lock()) {
      return streamCount;
    }
  }

  /**
   * Counts the sessions the store holds bookkeeping for.
   *
   * @return the number of sessions
   */
  public int sessionCount() {
    return sessions.size();
  }

  /** The per-stream bound. */
  int maxEventsPerStream() {
    return maxEventsPerStream;
  }

  /** The global bound. */
  long maxRetainedEvents() {
    return maxRetainedEvents;
  }

  @Override
  public String toString() {
    return "InMemoryEventStore[maxEventsPerStream="
        + maxEventsPerStream
        + ", maxRetainedEvents="
        + maxRetainedEvents
        + ", retained="
        + retained.get()
        + "]";
  }

  /** A session's streams and sequence counter. */
  private static final class Session {
    final ConcurrentHashMap<StreamId, Stream> streams = new ConcurrentHashMap<>();
    // Session-wide so that ids are unique across streams; taken under the stream's lock (see the
    // class comment), the atomic increment makes concurrent streams of one session safe.
    final AtomicLong sequence = new AtomicLong();
    final AutoLock lock = new AutoLock();
    boolean closed; // guarded by lock
  }

  /** One stream's ring buffer. */
  private final class Stream {
    final Session session;
    final StreamId id;
    final AutoLock lock = new AutoLock();

    // Guarded by lock. Written under it and read unlocked only as a hint by append (volatile so the
    // hint is fresh; correctness never depends on it).
    volatile boolean dead;
    // Guarded by lock: the ring, oldest event at index first, size events long.
    long[] sequences = new long[Math.min(INITIAL_CAPACITY, maxEventsPerStream)];
    @Nullable String[] messages = new String[sequences.length];
    int first;
    int size;
    long newestEvicted = -1; // sequence of the newest event the ring evicted, -1 if none

    // Guarded by evictionLock.
    @Nullable Stream prev;
    @Nullable Stream next;
    boolean linked;

    Stream(Session session, StreamId id) {
      this.session = session;
      this.id = id;
    }

    /** Appends, returning the new id; null if the stream is dead. */
    @Nullable EventId tryAppend(String message) {
      try (AutoLock ignored = lock.lock()) {
        if (dead) {
          return null;
        }
        long sequence = session.sequence.incrementAndGet();
        if (size == maxEventsPerStream) {
          newestEvicted = sequences[first];
          messages[first] = null;
          first = index(1);
          size--;
        } else {
          retained.incrementAndGet(); // an eviction above offsets the append: net zero
          if (size == sequences.length) {
            grow();
          }
        }
        int slot = index(size);
        sequences[slot] = sequence;
        messages[slot] = message;
        size++;
        return new EventId(id, sequence);
      }
    }

    private void grow() {
      int capacity = (int) Math.min((long) sequences.length * 2, maxEventsPerStream);
      long[] newSequences = new long[capacity];
      @Nullable String[] newMessages = new String[capacity];
      for (int i = 0; i < size; i++) {
        newSequences[i] = sequences[index(i)];
        newMessages[i] = messages[index(i)];
      }
      sequences = newSequences;
      messages = newMessages;
      first = 0;
    }

    /** The ring slot of the event at logical position i (0 = oldest). */
    private int index(int i) {
      int slot = first + i;
      return slot >= sequences.length ? slot - sequences.length : slot;
    }

    /** The logical position after which to replay, or -2 if replay from sequence is impossible. */
    private int replayStart(long sequence) {
      if (dead) {
        return -2;
      }
      if (sequence == newestEvicted) {
        return -1; // the client saw the newest evicted event: everything after it is retained
      }
      // binary search: sequences increase along the ring
      int low = 0;
      int high = size - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        long found = sequences[index(mid)];
        if (found < sequence) {
          low = mid + 1;
        } else if (found > sequence) {
          high = mid - 1;
        } else {
          return mid;
        }
      }
      return -2; // never issued on this stream, before the retained window, or after the newest
    }

    boolean resumable(long sequence) {
      try (AutoLock ignored = lock.lock()) {
        return replayStart(sequence) != -2;
      }
    }

    /** Copies the events after sequence; null if that is impossible. */
    @Nullable List<StoredEvent> snapshotAfter(long sequence) {
      try (AutoLock ignored = lock.lock()) {
        int start = replayStart(sequence);
        if (start == -2) {
          return null;
        }
        List<StoredEvent> events = new ArrayList<>(size - start - 1);
        for (int i = start + 1; i < size; i++) {
          int slot = index(i);
          // Live ring slots hold messages; only free or evicted slots are null.
          String message = requireNonNull(messages[slot]);
          events.add(new StoredEvent(new EventId(id, sequences[slot]), message));
        }
        return events;
      }
    }

    /** Marks the stream dead and releases its events; idempotent. */
    void markDead() {
      try (AutoLock ignored = lock.lock()) {
        if (dead) {
          return;
        }
        dead = true;
        retained.addAndGet(-size);
        size = 0;
        sequences = NO_SEQUENCES;
        messages = NO_MESSAGES;
        first = 0;
      }
    }

    int size() {
      try (AutoLock ignored = lock.lock()) {
        return size;
      }
    }
  }

  /** Never blocks on I/O: memory guarded by short locks. */
  @Override
  public InvocationType invocationType() {
    return InvocationType.NON_BLOCKING;
  }
}
