package dev.mcpkit.session.internal.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The race at the heart of the MRTR-to-task composition: the handler asks for input (claiming it
 * for the call's own multi round-trip) at the moment the request thread hands the task out. Exactly
 * one must win, every time: either the input is the call's and no task exists, or the task exists
 * and the input is the task's.
 */
class TaskRunRaceTest {
  private static final int ROUNDS = 5_000;

  @Test
  void aClaimAndAPublicationExcludeEachOther() throws Exception {
    TestClock clock = new TestClock();
    InMemoryTaskStore store = new InMemoryTaskStore(ROUNDS + 1, clock);
    CyclicBarrier barrier = new CyclicBarrier(2);
    int claimed = 0;
    int published = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < ROUNDS; i++) {
        TaskRun run =
            new TaskRun(
                "t" + i, null, "node", Duration.ofMinutes(1), Duration.ofMillis(500), store, clock);
        Future<Boolean> claim =
            pool.submit(
                () -> {
                  barrier.await();
                  return run.claimBeforeTask();
                });
        Future<?> publish =
            pool.submit(
                () -> {
                  barrier.await();
                  run.publish(null);
                  return null;
                });
        boolean claimWon = claim.get();
        publish.get();
        if (claimWon) {
          claimed++;
          assertThat(store.get("t" + i)).as("round %d: claimed, so no task", i).isEmpty();
          assertThat(run.phase()).isEqualTo(TaskRun.Phase.ABANDONING);
          run.recorded();
          assertThat(run.awaitHandOut(Duration.ZERO)).isEqualTo(TaskRun.Phase.ABANDONED);
        } else {
          published++;
          assertThat(store.get("t" + i)).as("round %d: published", i).isPresent();
          assertThat(run.awaitHandOut(Duration.ZERO)).isEqualTo(TaskRun.Phase.PUBLISHED);
        }
      }
    }
    assertThat(claimed + published).isEqualTo(ROUNDS);
  }
}
