package dev.mcpkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStoresTest {
  private static final SessionId SESSION = SessionId.of("s");

  @Test
  void defaultStoreResumesAStream() {
    EventStore store = EventStores.inMemory();
    EventId priming = store.append(SESSION, StreamId.of("p1"), "");
    store.append(SESSION, StreamId.of("p1"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");

    List<StoredEvent> replayed = new ArrayList<>();
    assertThat(
            store.replayAfter(SESSION, EventId.parse(priming.value()).orElseThrow(), replayed::add))
        .isEqualTo(1);
    assertThat(replayed.getFirst().data()).contains("\"result\"");
    assertThat(store.streamOf(SESSION, priming)).contains(StreamId.of("p1"));
  }

  @Test
  void defaultBoundsApply() {
    EventStore store = EventStores.inMemory();
    StreamId stream = StreamId.of("p1");
    EventId first = store.append(SESSION, stream, "0");
    EventId second = store.append(SESSION, stream, "1");
    for (int i = 2; i <= EventStores.DEFAULT_MAX_EVENTS_PER_STREAM; i++) {
      store.append(SESSION, stream, Integer.toString(i));
    }
    // the first event was evicted (the newest evicted: still a cursor), the second is retained
    assertThat(store.replayAfter(SESSION, first, e -> {}))
        .isEqualTo(EventStores.DEFAULT_MAX_EVENTS_PER_STREAM);
    assertThat(store.replayAfter(SESSION, second, e -> {}))
        .isEqualTo(EventStores.DEFAULT_MAX_EVENTS_PER_STREAM - 1);
    store.append(SESSION, stream, "one more");
    assertThat(store.replayAfter(SESSION, first, e -> {})).isEqualTo(EventStore.NOT_REPLAYABLE);
  }

  @Test
  void customBoundsAreValidatedNamingTheOption() {
    assertThatThrownBy(() -> EventStores.inMemory(0, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxEventsPerStream must be positive");
    assertThatThrownBy(() -> EventStores.inMemory(-5, 100))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEventsPerStream");
    assertThatThrownBy(() -> EventStores.inMemory(100, 99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxRetainedEvents must be at least maxEventsPerStream (100)");
    assertThat(EventStores.inMemory(1, 1)).isNotNull();
  }
}
