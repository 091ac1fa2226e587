package dev.mcpkit.session.internal.events;

import static dev.mcpkit.api.spi.EventStore.NOT_REPLAYABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Stresses the store from many threads. Threads start together on a latch and are joined; nothing
 * waits on time.
 */
class InMemoryEventStoreConcurrencyTest {
  private static final int THREADS = 16;
  private static final long JOIN_SECONDS = 60;

  /** What one thread appended: its message and the id it got back. */
  private record Appended(int thread, int index, StreamId stream, EventId id, String message) {}

  /**
   * Runs {@code body(index)} on that many platform threads released together; rethrows failures.
   */
  private static void runConcurrently(int threads, ThreadBody body) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      started.add(
          Thread.ofPlatform()
              .name("stress-" + t)
              .start(
                  () -> {
                    try {
                      start.await();
                      body.run(index);
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                  }));
    }
    start.countDown();
    for (Thread thread : started) {
      assertThat(thread.join(Duration.ofSeconds(JOIN_SECONDS)))
          .as("%s finished", thread.getName())
          .isTrue();
    }
    if (!failures.isEmpty()) {
      AssertionError error = new AssertionError(failures.size() + " thread(s) failed");
      failures.forEach(error::addSuppressed);
      throw error;
    }
  }

  @FunctionalInterface
  private interface ThreadBody {
    void run(int thread) throws Exception;
  }

  @Test
  void concurrentAppendsToSeveralStreamsKeepEveryEventExactlyOnceInOrder() throws Exception {
    int perThread = 5_000;
    List<SessionId> sessions = List.of(SessionId.of("stress-a"), SessionId.of("stress-b"));
    List<StreamId> streams =
        List.of(StreamId.STANDALONE, StreamId.of("p1"), StreamId.of("p2"), StreamId.of("p3"));
    InMemoryEventStore store = new InMemoryEventStore(1_000_000, 1_000_000);
    ConcurrentLinkedQueue<Appended> appended = new ConcurrentLinkedQueue<>();

    runConcurrently(
        THREADS,
        thread -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < perThread; i++) {
            SessionId session = sessions.get(random.nextInt(sessions.size()));
            StreamId stream = streams.get(random.nextInt(streams.size()));
            String message = session + "/" + stream + "/t" + thread + "/" + i;
            EventId id = store.append(session, stream, message);
            appended.add(new Appended(thread, i, stream, id, session + "|" + message));
          }
        });

    assertThat(appended).hasSize(THREADS * perThread);
    assertThat(store.retainedEvents()).isEqualTo((long) THREADS * perThread);
    for (SessionId session : sessions) {
      List<Appended> ofSession =
          appended.stream().filter(a -> a.message().startsWith(session + "|")).toList();
      // sequences are unique in the session and, across its streams, exactly 1..n: no gap
      assertThat(ofSession)
          .extracting(a -> a.id().sequence())
          .doesNotHaveDuplicates()
          .hasSize(ofSession.size())
          .allMatch(seq -> seq >= 1 && seq <= ofSession.size());

      for (StreamId stream : streams) {
        List<Appended> expected =
            ofSession.stream()
                .filter(a -> a.stream().equals(stream))
                .sorted(Comparator.comparingLong(a -> a.id().sequence()))
                .toList();
        assertThat(expected).as("%s %s got events", session, stream).isNotEmpty();
        assertThat(expected).allMatch(a -> a.id().stream().equals(stream));

        Appended first = expected.getFirst();
        List<StoredEvent> replayed = new ArrayList<>();
        int count = store.replayAfter(session, first.id(), replayed::add);
        assertThat(count).isEqualTo(expected.size() - 1);

        // every event present exactly once, in sequence order, with its own message
        List<EventId> replayedIds = replayed.stream().map(StoredEvent::id).toList();
        assertThat(replayedIds)
            .containsExactlyElementsOf(
                expected.subList(1, expected.size()).stream().map(Appended::id).toList());
        assertThat(replayed.stream().map(e -> session + "|" + e.data()).toList())
            .isEqualTo(
                expected.subList(1, expected.size()).stream().map(Appended::message).toList());
        assertThat(replayed.stream().mapToLong(e -> e.id().sequence()).toArray()).isSorted();
        // each thread's appends to the stream appear in the order the thread made them
        Map<Integer, Integer> lastIndexByThread = new HashMap<>();
        int outOfOrder = 0;
        for (Appended a : expected) {
          Integer previous = lastIndexByThread.put(a.thread(), a.index());
          if (previous != null && a.index() <= previous) {
            outOfOrder++;
          }
        }
        assertThat(outOfOrder).as("appends out of their thread's order").isZero();
      }
    }
  }

  @Test
  void concurrentAppendsToOneStreamYieldAGapFreeSequence() throws Exception {
    int perThread = 5_000;
    SessionId session = SessionId.of("one-stream");
    StreamId stream = StreamId.of("p1");
    InMemoryEventStore store = new InMemoryEventStore(1_000_000, 1_000_000);
    EventId priming = store.append(session, stream, "");

    runConcurrently(
        THREADS,
        thread -> {
          for (int i = 0; i < perThread; i++) {
            store.append(session, stream, "t" + thread + "/" + i);
          }
        });

    List<StoredEvent> replayed = new ArrayList<>();
    assertThat(store.replayAfter(session, priming, replayed::add)).isEqualTo(THREADS * perThread);
    long[] expected = new long[THREADS * perThread];
    Arrays.setAll(expected, i -> priming.sequence() + 1 + i);
    assertThat(replayed.stream().mapToLong(e -> e.id().sequence()).toArray()).isEqualTo(expected);
    assertThat(replayed).extracting(StoredEvent::data).doesNotHaveDuplicates();
  }

  @Test
  void boundsAndAccountingHoldUnderConcurrentAppendsReplaysAndDrops() throws Exception {
    int maxPerStream = 64;
    int maxRetained = 2_000;
    int sessionCount = 8;
    int streamsPerSession = 8;
    InMemoryEventStore store = new InMemoryEventStore(maxPerStream, maxRetained);
    AtomicInteger replays = new AtomicInteger();
    AtomicInteger unreplayable = new AtomicInteger();
    AtomicBoolean overCap = new AtomicBoolean();

    runConcurrently(
        THREADS,
        thread -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          Map<String, EventId> lastAppended = new HashMap<>(); // this thread's cursors
          for (int i = 0; i < 20_000; i++) {
            SessionId session = SessionId.of("s" + random.nextInt(sessionCount));
            StreamId stream = StreamId.of("p" + random.nextInt(streamsPerSession));
            String key = session + "/" + stream;
            int action = random.nextInt(100);
            if (action < 80) {
              EventId id = store.append(session, stream, key);
              assertThat(id.stream()).isEqualTo(stream);
              lastAppended.put(key, id);
            } else if (action < 97) {
              // half the time a real cursor (usually still retained), else an arbitrary one
              EventId last =
                  random.nextBoolean() && lastAppended.containsKey(key)
                      ? lastAppended.get(key)
                      : new EventId(stream, random.nextLong(1, 5_000));
              List<StoredEvent> events = new ArrayList<>();
              int count = store.replayAfter(session, last, events::add);
              if (count == NOT_REPLAYABLE) {
                assertThat(events).isEmpty();
                unreplayable.incrementAndGet();
                continue;
              }
              replays.incrementAndGet();
              assertThat(events).hasSize(count);
              long previous = last.sequence();
              for (StoredEvent event : events) {
                // never another stream's event, always after the cursor, strictly increasing
                assertThat(event.id().stream()).isEqualTo(stream);
                assertThat(event.data()).isEqualTo(key);
                assertThat(event.id().sequence()).isGreaterThan(previous);
                previous = event.id().sequence();
              }
            } else if (action < 99) {
              store.dropStream(session, stream);
            } else {
              store.dropSession(session);
            }
            // transient overshoot is bounded by the appends in flight
            if (store.retainedEvents() > maxRetained + THREADS) {
              overCap.set(true);
            }
          }
        });

    assertThat(overCap)
        .as("retained exceeded the cap by more than the threads in flight")
        .isFalse();
    assertThat(store.retainedEvents()).isLessThanOrEqualTo(maxRetained);
    long perSession = 0;
    for (int s = 0; s < sessionCount; s++) {
      perSession += store.retainedEvents(SessionId.of("s" + s));
    }
    assertThat(store.retainedEvents())
        .as("global count equals the sum of live streams")
        .isEqualTo(perSession);
    assertThat(store.streamCount()).isLessThanOrEqualTo(sessionCount * streamsPerSession);
    assertThat(replays.get()).as("some replays succeeded").isPositive();
    assertThat(unreplayable.get()).as("some cursors were unknown or evicted").isPositive();

    for (int s = 0; s < sessionCount; s++) {
      store.dropSession(SessionId.of("s" + s));
    }
    assertThat(store.retainedEvents()).isZero();
    assertThat(store.streamCount()).isZero();
    assertThat(store.sessionCount()).isZero();
  }

  @Test
  void resumeCursorSurvivesConcurrentAppendsWithoutLossOrDuplication() throws Exception {
    // one writer per stream appends while a reader repeatedly resumes from where it got to,
    // as a polling client would: the union of what the reader saw must be the whole stream
    SessionId session = SessionId.of("polling");
    int streams = 4;
    int perStream = 20_000;
    InMemoryEventStore store = new InMemoryEventStore(perStream + 1, (perStream + 1) * streams);
    List<EventId> primings = new ArrayList<>();
    for (int s = 0; s < streams; s++) {
      primings.add(store.append(session, StreamId.of("p" + s), ""));
    }

    runConcurrently(
        streams * 2,
        thread -> {
          int s = thread / 2;
          StreamId stream = StreamId.of("p" + s);
          if (thread % 2 == 0) {
            for (int i = 0; i < perStream; i++) {
              store.append(session, stream, Integer.toString(i));
            }
            return;
          }
          EventId cursor = primings.get(s);
          int expected = 0;
          while (expected < perStream) {
            List<StoredEvent> batch = new ArrayList<>();
            int count = store.replayAfter(session, cursor, batch::add);
            assertThat(count).isNotEqualTo(NOT_REPLAYABLE);
            for (StoredEvent event : batch) {
              assertThat(event.data()).isEqualTo(Integer.toString(expected++));
              cursor = event.id();
            }
            Thread.onSpinWait();
          }
        });
    assertThat(store.retainedEvents(session)).isEqualTo((long) (perStream + 1) * streams);
  }

  @Test
  void joinHelperFailsOnAThreadFailure() {
    assertThatThrownBy(
            () ->
                runConcurrently(
                    2,
                    thread -> {
                      if (thread == 1) {
                        throw new IllegalStateException("boom");
                      }
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 thread(s) failed");
  }
}
