package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The event store against a real redis-server; two RedisStores instances play two nodes. */
class RedisEventStoreTest {
  private static final StreamId P1 = StreamId.of("p1");
  private static final StreamId P2 = StreamId.of("p2");
  private static RedisServer server;
  private static RedisStores nodeA;
  private static RedisStores nodeB;
  private static RedisStores tiny;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
    nodeA = RedisStores.builder(server.uri()).keyPrefix("ev:").build();
    nodeB = RedisStores.builder(server.uri()).keyPrefix("ev:").build();
    tiny = RedisStores.builder(server.uri()).keyPrefix("tiny:").maxEventsPerStream(10).build();
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeB.close();
    tiny.close();
    server.close();
  }

  private static SessionId session() {
    return SessionId.of("s" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
  }

  private static List<StoredEvent> replay(EventStore store, SessionId session, EventId last) {
    List<StoredEvent> out = new ArrayList<>();
    int n = store.replayAfter(session, last, out::add);
    assertThat(n).isEqualTo(out.size());
    return out;
  }

  @Test
  void aStreamAppendedOnOneNodeResumesOnTheOtherWithOnlyItsOwnEvents() {
    SessionId s = session();
    EventStore a = nodeA.eventStore();
    EventId priming = a.append(s, P1, "");
    EventId first = a.append(s, P1, "{\"n\":1}");
    EventId other = a.append(s, P2, "{\"other\":true}");
    EventId second = a.append(s, P1, "{\"n\":2}");

    List<StoredEvent> resumed = replay(nodeB.eventStore(), s, priming);

    assertThat(resumed).extracting(StoredEvent::id).containsExactly(first, second);
    assertThat(resumed).extracting(StoredEvent::data).containsExactly("{\"n\":1}", "{\"n\":2}");
    assertThat(replay(nodeB.eventStore(), s, second)).isEmpty();
    assertThat(replay(nodeB.eventStore(), s, other)).isEmpty();
    assertThat(nodeB.eventStore().streamOf(s, first)).contains(P1);
    assertThat(Set.of(priming.sequence(), first.sequence(), other.sequence(), second.sequence()))
        .hasSize(4);
    assertThat(priming.sequence()).isLessThan(first.sequence());
    assertThat(first.sequence()).isLessThan(second.sequence());
  }

  @Test
  void idsNeverIssuedOfAnotherSessionOrDroppedAreNotReplayable() {
    SessionId s = session();
    EventStore a = nodeA.eventStore();
    EventId id = a.append(s, P1, "{}");
    EventId p2 = a.append(s, P2, "{}");

    assertThat(a.replayAfter(session(), id, e -> {})).isEqualTo(EventStore.NOT_REPLAYABLE);
    assertThat(a.replayAfter(s, new EventId(P1, id.sequence() + 100), e -> {}))
        .isEqualTo(EventStore.NOT_REPLAYABLE);
    assertThat(a.replayAfter(s, new EventId(P2, id.sequence()), e -> {}))
        .isEqualTo(EventStore.NOT_REPLAYABLE);
    assertThat(a.streamOf(s, new EventId(P2, id.sequence()))).isEmpty();

    a.dropStream(s, P1);
    assertThat(a.replayAfter(s, id, e -> {})).isEqualTo(EventStore.NOT_REPLAYABLE);
    assertThat(a.replayAfter(s, p2, e -> {})).isZero();
    a.dropSession(s);
    assertThat(a.replayAfter(s, p2, e -> {})).isEqualTo(EventStore.NOT_REPLAYABLE);
  }

  @Test
  void streamsAreTrimmedAndATrimmedIdIsNotReplayedWithAGap() {
    SessionId s = session();
    EventStore store = tiny.eventStore();
    EventId oldest = store.append(s, P1, "{\"n\":0}");
    EventId newest = oldest;
    for (int i = 1; i < 1_000; i++) {
      newest = store.append(s, P1, "{\"n\":" + i + "}");
    }

    assertThat(store.replayAfter(s, oldest, e -> {})).isEqualTo(EventStore.NOT_REPLAYABLE);
    assertThat(store.replayAfter(s, newest, e -> {})).isZero();
    // MAXLEN ~ trims whole macro nodes (100 entries by default): bounded, if not exactly 10.
    List<StoredEvent> kept = new ArrayList<>();
    EventId probe = newest;
    int back = 0;
    while (store.streamOf(s, new EventId(P1, probe.sequence() - 1)).isPresent()) {
      probe = new EventId(P1, probe.sequence() - 1);
      back++;
    }
    assertThat(back).isBetween(9, 200);
    assertThat(store.replayAfter(s, probe, kept::add)).isEqualTo(back);
  }

  @Test
  void concurrentAppendsFromTwoNodesGetUniqueIdsIncreasingAlongEachStream() throws Exception {
    SessionId s = session();
    int threads = 8;
    int perThread = 200;
    CountDownLatch go = new CountDownLatch(1);
    ConcurrentHashMap<Long, StreamId> issued = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      EventStore store = (t % 2 == 0 ? nodeA : nodeB).eventStore();
      StreamId stream = StreamId.of("p" + (t % 3));
      done.add(
          pool.submit(
              () -> {
                go.await();
                long previous = -1;
                for (int i = 0; i < perThread; i++) {
                  EventId id = store.append(s, stream, "{\"i\":" + i + "}");
                  assertThat(id.sequence())
                      .isGreaterThan(previous); // this thread's appends are ordered
                  previous = id.sequence();
                  assertThat(issued.put(id.sequence(), stream)).isNull();
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(issued).hasSize(threads * perThread);
    for (int k = 0; k < 3; k++) {
      StreamId stream = StreamId.of("p" + k);
      long first =
          issued.entrySet().stream()
              .filter(e -> e.getValue().equals(stream))
              .mapToLong(e -> e.getKey())
              .min()
              .orElseThrow();
      List<StoredEvent> all = replay(nodeA.eventStore(), s, new EventId(stream, first));
      Set<Long> seen = new HashSet<>();
      long previous = first;
      for (StoredEvent e : all) {
        assertThat(e.id().sequence()).isGreaterThan(previous);
        assertThat(issued.get(e.id().sequence())).isEqualTo(stream);
        previous = e.id().sequence();
        seen.add(previous);
      }
      assertThat(seen).hasSize((int) issued.values().stream().filter(stream::equals).count() - 1);
    }
  }

  @Test
  void eventsExpireWithTheirTtl() {
    try (RedisStores shortLived =
        RedisStores.builder(server.uri())
            .keyPrefix("ttl:")
            .eventTtl(Duration.ofMillis(300))
            .build()) {
      SessionId s = session();
      EventId id = shortLived.eventStore().append(s, P1, "{}");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> shortLived.eventStore().streamOf(s, id).isEmpty());
    }
  }
}
