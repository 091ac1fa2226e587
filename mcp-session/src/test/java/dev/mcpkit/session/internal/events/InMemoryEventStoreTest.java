package dev.mcpkit.session.internal.events;

import static dev.mcpkit.api.spi.EventStore.NOT_REPLAYABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryEventStoreTest {
  private static final SessionId S1 = SessionId.of("session-one");
  private static final SessionId S2 = SessionId.of("session-two");
  private static final StreamId P1 = StreamId.of("p1");
  private static final StreamId P2 = StreamId.of("p2");
  private static final StreamId GET = StreamId.STANDALONE;

  private final InMemoryEventStore store = new InMemoryEventStore(100, 1_000);

  private static List<StoredEvent> replay(
      InMemoryEventStore store, SessionId session, EventId last) {
    List<StoredEvent> events = new ArrayList<>();
    int count = store.replayAfter(session, last, events::add);
    assertThat(count).as("replay count of %s", last).isEqualTo(events.size());
    return events;
  }

  private static List<String> data(List<StoredEvent> events) {
    return events.stream().map(StoredEvent::data).toList();
  }

  private void assertNotReplayable(SessionId session, EventId last) {
    List<StoredEvent> sunk = new ArrayList<>();
    assertThat(store.replayAfter(session, last, sunk::add))
        .as("replay of %s", last)
        .isEqualTo(NOT_REPLAYABLE);
    assertThat(sunk).as("sink must not be called").isEmpty();
    assertThat(store.streamOf(session, last)).as("streamOf %s", last).isEmpty();
  }

  @Test
  void appendAssignsIdsOnTheGivenStreamInIncreasingOrder() {
    EventId a = store.append(S1, P1, "a");
    EventId b = store.append(S1, P1, "b");
    EventId c = store.append(S1, P1, "c");

    assertThat(List.of(a, b, c)).extracting(EventId::stream).containsOnly(P1);
    assertThat(a.sequence()).isLessThan(b.sequence());
    assertThat(b.sequence()).isLessThan(c.sequence());
    assertThat(EventId.parse(b.value())).contains(b);
  }

  @Test
  void replaysEventsStrictlyAfterTheIdInOrder() {
    EventId first = store.append(S1, P1, "a");
    EventId second = store.append(S1, P1, "b");
    EventId third = store.append(S1, P1, "c");

    List<StoredEvent> events = replay(store, S1, first);
    assertThat(events).containsExactly(new StoredEvent(second, "b"), new StoredEvent(third, "c"));
    assertThat(data(replay(store, S1, second))).containsExactly("c");
    assertThat(store.streamOf(S1, first)).contains(P1);
  }

  @Test
  void replayAfterTheNewestEventYieldsNothing() {
    store.append(S1, P1, "a");
    EventId newest = store.append(S1, P1, "b");

    List<StoredEvent> sunk = new ArrayList<>();
    assertThat(store.replayAfter(S1, newest, sunk::add)).isZero();
    assertThat(sunk).isEmpty();
    assertThat(store.streamOf(S1, newest)).contains(P1);
  }

  @Test
  void primingEventIsAResumableCursor() {
    EventId priming = store.append(S1, P1, "");
    store.append(S1, P1, "progress");
    store.append(S1, P1, "result");

    assertThat(data(replay(store, S1, priming))).containsExactly("progress", "result");
  }

  @Test
  void replayOfOneStreamNeverIncludesAnotherStreamsEvents() {
    List<EventId> p1 = new ArrayList<>();
    List<EventId> p2 = new ArrayList<>();
    List<EventId> get = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      p1.add(store.append(S1, P1, "p1-" + i));
      p2.add(store.append(S1, P2, "p2-" + i));
      if (i % 3 == 0) {
        get.add(store.append(S1, GET, "get-" + i));
      }
    }

    List<StoredEvent> fromP1 = replay(store, S1, p1.getFirst());
    assertThat(fromP1).extracting(e -> e.id().stream()).containsOnly(P1);
    assertThat(fromP1).extracting(StoredEvent::id).containsExactlyElementsOf(p1.subList(1, 10));
    assertThat(data(fromP1)).allMatch(d -> d.startsWith("p1-"));

    List<StoredEvent> fromP2 = replay(store, S1, p2.get(4));
    assertThat(fromP2).extracting(StoredEvent::id).containsExactlyElementsOf(p2.subList(5, 10));

    assertThat(data(replay(store, S1, get.getFirst()))).containsExactly("get-3", "get-6", "get-9");

    // ids are unique across all streams of the session
    List<Long> sequences = new ArrayList<>();
    for (List<EventId> ids : List.of(p1, p2, get)) {
      ids.forEach(id -> sequences.add(id.sequence()));
    }
    assertThat(sequences).doesNotHaveDuplicates();
  }

  @Test
  void anIdWhoseSequenceBelongsToAnotherStreamIsNotReplayable() {
    EventId onP1 = store.append(S1, P1, "a");
    store.append(S1, P2, "b");
    store.append(S1, P1, "c");

    // a forged id naming p2 with p1's sequence must not resume p2 from somewhere
    assertNotReplayable(S1, new EventId(P2, onP1.sequence()));
  }

  @Test
  void sessionsAreIsolated() {
    store.append(S1, GET, "s1-a");
    store.append(S1, GET, "s1-b");
    EventId s2First = store.append(S2, GET, "s2-a");
    store.append(S2, GET, "s2-b");

    assertThat(data(replay(store, S2, s2First))).containsExactly("s2-b");
    assertNotReplayable(SessionId.of("session-three"), s2First);
  }

  @Test
  void unknownIdsAreNotReplayable() {
    EventId newest = store.append(S1, P1, "a");

    assertNotReplayable(S2, newest); // unknown session
    assertNotReplayable(S1, new EventId(P2, newest.sequence())); // unknown stream
    assertNotReplayable(S1, new EventId(P1, newest.sequence() + 1)); // not issued yet
    assertNotReplayable(S1, new EventId(P1, Long.MAX_VALUE));
    assertNotReplayable(S1, new EventId(P1, 0));
  }

  @Test
  void garbledLastEventIdsNeverReachTheStore() {
    store.append(S1, P1, "a");
    for (String garbled : List.of("p1", "p1:", "p1:01", "p1:-1", "p1:x", "p:1:1", "", "\u00e9:1")) {
      assertThat(EventId.parse(garbled)).as(garbled).isEmpty();
    }
  }

  @Test
  void fullStreamEvictsItsOldestEventsAndReportsWhatItCanNoLongerReplay() {
    InMemoryEventStore small = new InMemoryEventStore(3, 100);
    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(small.append(S1, P1, "e" + i));
    }
    assertThat(small.retainedEvents()).isEqualTo(3);
    assertThat(small.retainedEvents(S1)).isEqualTo(3);

    // e2, e3, e4 are retained; e1 is the newest evicted, e0 is gone with a gap after it
    assertThat(data(replay(small, S1, ids.get(2)))).containsExactly("e3", "e4");
    assertThat(data(replay(small, S1, ids.get(1)))).containsExactly("e2", "e3", "e4");
    assertThat(small.streamOf(S1, ids.get(1))).contains(P1);
    List<StoredEvent> sunk = new ArrayList<>();
    assertThat(small.replayAfter(S1, ids.get(0), sunk::add)).isEqualTo(NOT_REPLAYABLE);
    assertThat(sunk).isEmpty();
    assertThat(small.streamOf(S1, ids.get(0))).isEmpty();
  }

  @Test
  void ringKeepsOrderAcrossGrowthAndWrapAround() {
    InMemoryEventStore ring = new InMemoryEventStore(20, 100);
    List<EventId> ids = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      ids.add(ring.append(S1, P1, "e" + i));
    }
    assertThat(ring.retainedEvents()).isEqualTo(20);
    List<StoredEvent> events = replay(ring, S1, ids.get(37));
    assertThat(events).extracting(StoredEvent::id).containsExactlyElementsOf(ids.subList(38, 57));
    for (int i = 37; i < 57; i++) {
      assertThat(ring.streamOf(S1, ids.get(i))).as("e%d", i).contains(P1);
    }
    assertThat(ring.streamOf(S1, ids.get(35))).isEmpty();
  }

  @Test
  void globalCapEvictsWholeStreamsOldestCreatedFirst() {
    InMemoryEventStore capped = new InMemoryEventStore(4, 10);
    EventId a = capped.append(S1, P1, "a0");
    for (int i = 1; i < 4; i++) {
      capped.append(S1, P1, "a" + i);
    }
    EventId b = capped.append(S2, GET, "b0");
    for (int i = 1; i < 4; i++) {
      capped.append(S2, GET, "b" + i);
    }
    EventId c = capped.append(S1, P2, "c0");
    capped.append(S1, P2, "c1");
    assertThat(capped.retainedEvents()).isEqualTo(10);
    assertThat(capped.streamCount()).isEqualTo(3);

    capped.append(S1, P2, "c2"); // 11 > 10: the oldest stream, p1 of session one, goes

    assertThat(capped.retainedEvents()).isEqualTo(7);
    assertThat(capped.streamCount()).isEqualTo(2);
    assertThat(capped.replayAfter(S1, a, e -> {})).isEqualTo(NOT_REPLAYABLE);
    assertThat(capped.streamOf(S1, a)).isEmpty();
    assertThat(data(replay(capped, S2, b))).containsExactly("b1", "b2", "b3");
    assertThat(data(replay(capped, S1, c))).containsExactly("c1", "c2");

    // appending to the evicted stream id starts a new stream; the old ids stay unreplayable
    EventId again = capped.append(S1, P1, "a-again");
    assertThat(again.sequence()).isGreaterThan(c.sequence());
    assertThat(capped.replayAfter(S1, a, e -> {})).isEqualTo(NOT_REPLAYABLE);
    assertThat(replay(capped, S1, again)).isEmpty();
    assertThat(capped.retainedEvents()).isEqualTo(8);
  }

  @Test
  void globalCapHoldsUnderAFloodOfSessions() {
    InMemoryEventStore capped = new InMemoryEventStore(10, 50);
    for (int i = 0; i < 1_000; i++) {
      SessionId session = SessionId.of("flood-" + i);
      for (int j = 0; j < 7; j++) {
        capped.append(session, GET, "m" + j);
      }
      assertThat(capped.retainedEvents()).isLessThanOrEqualTo(50);
    }
    assertThat(capped.streamCount()).isLessThanOrEqualTo(50 / 7 + 1);
  }

  @Test
  void dropStreamFreesItsEventsAndLeavesOthers() {
    EventId p1First = store.append(S1, P1, "a");
    store.append(S1, P1, "b");
    EventId p2First = store.append(S1, P2, "c");
    store.append(S1, P2, "d");
    assertThat(store.retainedEvents()).isEqualTo(4);

    store.dropStream(S1, P1);

    assertThat(store.retainedEvents()).isEqualTo(2);
    assertThat(store.retainedEvents(S1)).isEqualTo(2);
    assertThat(store.streamCount()).isEqualTo(1);
    assertNotReplayable(S1, p1First);
    assertThat(data(replay(store, S1, p2First))).containsExactly("d");

    // a stream id reused after its drop gets fresh, still session-unique ids
    EventId reused = store.append(S1, P1, "e");
    assertThat(reused.sequence()).isGreaterThan(p2First.sequence() + 1);
    assertNotReplayable(S1, p1First);
  }

  @Test
  void dropSessionFreesEverythingOfThatSessionOnly() {
    store.append(S1, P1, "a");
    store.append(S1, GET, "b");
    EventId other = store.append(S2, GET, "c");
    store.append(S2, GET, "d");
    assertThat(store.sessionCount()).isEqualTo(2);

    store.dropSession(S1);

    assertThat(store.retainedEvents()).isEqualTo(2);
    assertThat(store.retainedEvents(S1)).isZero();
    assertThat(store.sessionCount()).isEqualTo(1);
    assertThat(store.streamCount()).isEqualTo(1);
    assertThat(data(replay(store, S2, other))).containsExactly("d");

    store.dropSession(S2);
    assertThat(store.retainedEvents()).isZero();
    assertThat(store.sessionCount()).isZero();
    assertThat(store.streamCount()).isZero();
  }

  @Test
  void droppingWhatIsNotThereDoesNothing() {
    store.append(S1, P1, "a");
    store.dropStream(S2, P1);
    store.dropStream(S1, P2);
    store.dropSession(S2);
    store.dropSession(S1);
    store.dropSession(S1);
    store.dropStream(S1, P1);
    assertThat(store.retainedEvents()).isZero();
  }

  @Test
  void sinkRunsOutsideTheStoreLocks() throws Exception {
    EventId first = store.append(S1, P1, "a");
    store.append(S1, P1, "b");
    List<EventId> appendedDuringReplay = new ArrayList<>();

    int count =
        store.replayAfter(
            S1,
            first,
            event -> {
              // another thread appends to the very stream being replayed; it would block if the
              // sink ran
              // under the stream's lock
              appendedDuringReplay.add(
                  CompletableFuture.supplyAsync(() -> store.append(S1, P1, "during"))
                      .orTimeout(10, TimeUnit.SECONDS)
                      .join());
            });

    assertThat(count).isEqualTo(1); // the snapshot was taken before the concurrent append
    assertThat(data(replay(store, S1, first))).containsExactly("b", "during");
    assertThat(appendedDuringReplay).hasSize(1);
  }

  @Test
  void aThrowingSinkStopsTheReplayAndLeavesTheStoreUsable() {
    EventId first = store.append(S1, P1, "a");
    store.append(S1, P1, "b");
    store.append(S1, P1, "c");
    List<StoredEvent> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                store.replayAfter(
                    S1,
                    first,
                    event -> {
                      seen.add(event);
                      throw new IllegalStateException("client went away");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("client went away");

    assertThat(data(seen)).containsExactly("b");
    EventId next =
        CompletableFuture.supplyAsync(() -> store.append(S1, P1, "d"))
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    assertThat(data(replay(store, S1, first))).containsExactly("b", "c", "d");
    assertThat(next.stream()).isEqualTo(P1);
  }

  @Test
  void rejectsNullArguments() {
    EventId id = store.append(S1, P1, "a");
    assertThatNullPointerException()
        .isThrownBy(() -> store.append(null, P1, "a"))
        .withMessage("session");
    assertThatNullPointerException()
        .isThrownBy(() -> store.append(S1, null, "a"))
        .withMessage("stream");
    assertThatNullPointerException()
        .isThrownBy(() -> store.append(S1, P1, null))
        .withMessage("message");
    assertThatNullPointerException()
        .isThrownBy(() -> store.replayAfter(S1, id, null))
        .withMessage("sink");
    assertThatNullPointerException()
        .isThrownBy(() -> store.replayAfter(S1, null, e -> {}))
        .withMessage("lastEventId");
    assertThatNullPointerException()
        .isThrownBy(() -> store.streamOf(null, id))
        .withMessage("session");
    assertThatNullPointerException()
        .isThrownBy(() -> store.dropStream(S1, null))
        .withMessage("stream");
    assertThatNullPointerException()
        .isThrownBy(() -> store.dropSession(null))
        .withMessage("session");
  }

  @Test
  void validatesItsBoundsNamingThem() {
    assertThatThrownBy(() -> new InMemoryEventStore(0, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEventsPerStream")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> new InMemoryEventStore(10, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetainedEvents")
        .hasMessageContaining("was 9");
    InMemoryEventStore tight = new InMemoryEventStore(1, 1);
    tight.append(S1, P1, "only");
    EventId kept = tight.append(S1, P1, "kept");
    assertThat(tight.retainedEvents()).isEqualTo(1);
    assertThat(replay(tight, S1, kept)).isEmpty();
  }
}
