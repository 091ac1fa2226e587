package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.api.spi.TaskStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@code TaskStore} contract of {@code RedisStores.taskStore()} on a real redis-server. */
class RedisTaskStoreTest {
  private RedisServer redis;
  private RedisStores a;
  private RedisStores b;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    a = RedisStores.builder(redis.uri()).taskCapacity(2).build();
    b = RedisStores.builder(redis.uri()).taskCapacity(2).build();
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    redis.close();
  }

  private static TaskRecord working(String id, Duration ttl) {
    return TaskRecord.working(id, "alice", "node-a", Instant.now(), ttl, Duration.ofMillis(500));
  }

  private static TaskRecord completed(TaskRecord record) {
    return record.end(
        TaskStatus.COMPLETED,
        JsonNodeFactory.instance.objectNode().put("isError", false),
        null,
        null,
        Instant.now());
  }

  @Test
  void aCreatedTaskIsReadOnTheOtherNodeEqualToWhatWasStored() {
    TaskRecord record = working("t1", Duration.ofMinutes(1));
    assertThat(a.taskStore().create(record)).isTrue();
    assertThat(b.taskStore().get("t1")).contains(record);
    assertThatThrownBy(() -> b.taskStore().create(record))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFullStoreRefusesUntilAFinishedTaskExpires() {
    TaskStore store = a.taskStore();
    assertThat(store.create(working("t1", Duration.ofMillis(300)))).isTrue();
    assertThat(b.taskStore().create(working("t2", Duration.ofMinutes(1)))).isTrue();
    assertThat(store.create(working("t3", Duration.ofMinutes(1)))).isFalse();

    assertThat(b.taskStore().update("t1", RedisTaskStoreTest::completed))
        .get()
        .extracting(TaskRecord::status)
        .isEqualTo(TaskStatus.COMPLETED);

    await().atMost(Duration.ofSeconds(10)).until(() -> store.get("t1").isEmpty());
    assertThat(store.update("t1", RedisTaskStoreTest::completed)).isEmpty();
    assertThat(store.create(working("t3", Duration.ofMinutes(1)))).isTrue();
    assertThat(store.get("t2")).isPresent(); // live tasks never expire
  }

  @Test
  void concurrentUpdatesOnTwoNodesLoseNothingAndTheFirstEndingWins() throws Exception {
    a.taskStore().create(working("t1", Duration.ofMinutes(1)));
    List<TaskRecord> announcedOnB = new CopyOnWriteArrayList<>();
    b.taskStore().watch(announcedOnB::add);
    int perThread = 50;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (TaskStore store : List.of(a.taskStore(), b.taskStore(), a.taskStore(), b.taskStore())) {
        done.add(
            threads.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < perThread; i++) {
                    store.update("t1", RedisTaskStoreTest::increment);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(a.taskStore().get("t1").map(TaskRecord::statusMessage)).contains("" + 4 * perThread);

    TaskRecord cancelled =
        b.taskStore()
            .update("t1", r -> r.end(TaskStatus.CANCELLED, null, null, "cancelled", Instant.now()))
            .orElseThrow();
    TaskRecord afterLateCompletion =
        a.taskStore().update("t1", RedisTaskStoreTest::completed).orElseThrow();
    assertThat(afterLateCompletion).isEqualTo(cancelled);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> announcedOnB.stream().anyMatch(r -> r.status() == TaskStatus.CANCELLED));
  }

  private static TaskRecord increment(TaskRecord r) {
    int n = Integer.parseInt(Objects.requireNonNullElse(r.statusMessage(), "0"));
    return new TaskRecord(
        r.taskId(),
        r.owner(),
        r.node(),
        r.status(),
        Integer.toString(n + 1),
        r.createdAt(),
        r.lastUpdatedAt(),
        r.ttl(),
        r.pollInterval(),
        r.result(),
        r.error(),
        r.inputRequests(),
        r.inputResponses());
  }
}
