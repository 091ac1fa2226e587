package dev.mcpkit.session.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTaskStoreTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private final TestClock clock = new TestClock();

  private TaskRecord working(String id) {
    return TaskRecord.working(id, null, "node", clock.instant(), TTL, Duration.ofMillis(500));
  }

  @Test
  void aCreatedRecordIsReadableAndUpdatable() {
    InMemoryTaskStore store = new InMemoryTaskStore(10, clock);
    List<TaskRecord> seen = new ArrayList<>();
    store.watch(seen::add);

    assertThat(store.create(working("a"))).isTrue();
    assertThat(store.get("a")).map(TaskRecord::status).contains(TaskStatus.WORKING);

    clock.advance(Duration.ofSeconds(1));
    TaskRecord ended =
        store
            .update(
                "a",
                r ->
                    r.end(
                        TaskStatus.COMPLETED,
                        JsonRpcCodecs.nodes().objectNode(),
                        null,
                        null,
                        clock.instant()))
            .orElseThrow();
    assertThat(ended.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(seen).containsExactly(ended);
    assertThat(store.get("missing")).isEmpty();
    assertThat(store.update("missing", r -> r)).isEmpty();
    assertThatThrownBy(() -> store.create(working("a"))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theFirstTerminalStatusWins() {
    InMemoryTaskStore store = new InMemoryTaskStore(10, clock);
    store.create(working("a"));
    store.update("a", r -> r.end(TaskStatus.CANCELLED, null, null, "by client", clock.instant()));
    TaskRecord after =
        store
            .update(
                "a",
                r ->
                    r.end(
                        TaskStatus.COMPLETED,
                        JsonRpcCodecs.nodes().objectNode(),
                        null,
                        null,
                        clock.instant()))
            .orElseThrow();
    assertThat(after.status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(after.result()).isNull();
  }

  @Test
  void finishedRecordsExpireAfterTheirTtlAndLiveOnesNever() {
    InMemoryTaskStore store = new InMemoryTaskStore(10, clock);
    store.create(working("live"));
    store.create(working("done"));
    store.update("done", r -> r.end(TaskStatus.CANCELLED, null, null, null, clock.instant()));

    clock.advance(TTL.minusMillis(1));
    assertThat(store.get("done")).isPresent();

    clock.advance(Duration.ofMillis(1));
    assertThat(store.get("done")).isEmpty();
    assertThat(store.update("done", r -> r)).isEmpty();

    clock.advance(Duration.ofDays(365));
    assertThat(store.get("live")).isPresent();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aFullStoreRefusesUntilFinishedRecordsExpire() {
    InMemoryTaskStore store = new InMemoryTaskStore(2, clock);
    assertThat(store.create(working("a"))).isTrue();
    assertThat(store.create(working("b"))).isTrue();
    assertThat(store.create(working("c"))).isFalse();

    store.update("a", r -> r.end(TaskStatus.CANCELLED, null, null, null, clock.instant()));
    assertThat(store.create(working("c"))).as("a finished record is kept for its ttl").isFalse();

    clock.advance(TTL);
    assertThat(store.create(working("c"))).isTrue();
    assertThat(store.size()).isEqualTo(2);
  }
}
