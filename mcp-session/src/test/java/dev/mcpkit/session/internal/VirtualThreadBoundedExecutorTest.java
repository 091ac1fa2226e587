package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.BoundedExecutor.Permit;
import dev.mcpkit.api.ExecutorSaturatedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class VirtualThreadBoundedExecutorTest {
  private static final long WAIT_SECONDS = 10;

  /** Latches that tasks block on; released after each test so no thread outlives it. */
  private final List<CountDownLatch> gates = new ArrayList<>();

  private final List<VirtualThreadBoundedExecutor> executors = new ArrayList<>();

  @AfterEach
  void releaseEverything() throws InterruptedException {
    gates.forEach(CountDownLatch::countDown);
    for (VirtualThreadBoundedExecutor executor : executors) {
      executor.shutdown(Duration.ofSeconds(WAIT_SECONDS));
    }
  }

  private VirtualThreadBoundedExecutor executor(int maxConcurrency, Duration maxWait) {
    VirtualThreadBoundedExecutor executor =
        new VirtualThreadBoundedExecutor(maxConcurrency, maxWait);
    executors.add(executor);
    return executor;
  }

  private CountDownLatch gate() {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    return gate;
  }

  /** A task that reports that it started and then blocks until its gate opens. */
  private static Runnable blocking(CountDownLatch started, CountDownLatch gate) {
    return () -> {
      started.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch reached zero").isTrue();
  }

  @Test
  void refusesTheTaskBeyondTheCapAndAcceptsAgainOnceOneFinishes() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(3, Duration.ZERO);
    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch first = gate();
    CountDownLatch rest = gate();
    executor.execute(blocking(started, first));
    assertThat(executor.tryExecute(blocking(started, rest))).isTrue();
    executor.execute(blocking(started, rest));
    awaitLatch(started);
    assertThat(executor.activeCount()).isEqualTo(3);

    AtomicInteger ranAnyway = new AtomicInteger();
    assertThat(executor.tryExecute(ranAnyway::incrementAndGet)).isFalse();
    assertThatThrownBy(() -> executor.execute(ranAnyway::incrementAndGet))
        .isInstanceOf(ExecutorSaturatedException.class)
        .hasMessageContaining("saturated");
    assertThat(executor.tryAcquire()).isNull();
    assertThat(executor.activeCount()).isEqualTo(3);

    first.countDown();
    await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> executor.activeCount() == 2);
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(executor.tryExecute(ran::countDown)).isTrue();
    awaitLatch(ran);
    assertThat(ranAnyway).hasValue(0);
  }

  @Test
  void permitsCountAgainstTheSameCapAndCloseIdempotently() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(2, Duration.ZERO);
    Permit permit = executor.tryAcquire();
    assertThat(permit).isNotNull();
    CountDownLatch started = new CountDownLatch(1);
    assertThat(executor.tryExecute(blocking(started, gate()))).isTrue();
    awaitLatch(started);

    assertThat(executor.activeCount()).isEqualTo(2);
    assertThat(executor.tryAcquire()).isNull();
    assertThat(executor.tryExecute(() -> {})).isFalse();

    permit.close();
    permit.close(); // a second close must not hand out a second permit
    assertThat(executor.activeCount()).isEqualTo(1);
    Permit again = executor.tryAcquire();
    assertThat(again).isNotNull();
    assertThat(executor.tryAcquire()).isNull();
    again.close();
    assertThat(executor.activeCount()).isEqualTo(1);
  }

  @Test
  void aWaiterGetsThePermitWhenItIsReleasedWithinMaxWait() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ofMinutes(1));
    Permit held = executor.tryAcquire();
    assertThat(held).isNotNull();

    AtomicReference<Permit> got = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> got.set(executor.tryAcquire()));
    // The waiter parks inside the bounded semaphore wait; only then is the permit handed over.
    await()
        .atMost(Duration.ofSeconds(WAIT_SECONDS))
        .until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
    assertThat(got.get()).isNull();

    held.close();
    waiter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(waiter.isAlive()).isFalse();
    assertThat(got.get()).isNotNull();
    assertThat(executor.activeCount()).isEqualTo(1);
    got.get().close();
    assertThat(executor.activeCount()).isZero();
  }

  @Test
  void aTaskWaitingForAPermitStartsWhenOneIsReleased() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ofMinutes(1));
    Permit held = executor.tryAcquire();
    assertThat(held).isNotNull();

    CountDownLatch ran = new CountDownLatch(1);
    Thread submitter = Thread.ofPlatform().start(() -> executor.execute(ran::countDown));
    await()
        .atMost(Duration.ofSeconds(WAIT_SECONDS))
        .until(() -> submitter.getState() == Thread.State.TIMED_WAITING);
    assertThat(ran.getCount()).isEqualTo(1);

    held.close();
    awaitLatch(ran);
    submitter.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(submitter.isAlive()).isFalse();
  }

  @Test
  void refusesOnceMaxWaitPasses() {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ofMillis(5));
    Permit held = executor.tryAcquire();
    assertThat(held).isNotNull();

    assertThat(executor.tryAcquire()).isNull();
    assertThat(executor.tryExecute(() -> {})).isFalse();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(ExecutorSaturatedException.class);
    held.close();
    assertThat(executor.activeCount()).isZero();
  }

  @Test
  void anInterruptedWaiterIsRefusedAndKeepsItsInterruptFlag() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ofMinutes(1));
    Permit held = executor.tryAcquire();
    assertThat(held).isNotNull();

    CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(
            () -> {
              Thread.currentThread().interrupt();
              Permit permit = executor.tryAcquire();
              outcome.complete(permit == null && Thread.currentThread().isInterrupted());
            });
    assertThat(outcome.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    held.close();
  }

  @Test
  void shutdownWaitsForInFlightWorkAndRefusesNewWork() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(4, Duration.ZERO);
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch gate = gate();
    executor.execute(blocking(started, gate));
    executor.execute(blocking(started, gate));
    awaitLatch(started);

    CompletableFuture<Boolean> finished = new CompletableFuture<>();
    Thread.ofPlatform()
        .start(
            () -> {
              try {
                finished.complete(executor.shutdown(Duration.ofMinutes(1)));
              } catch (Throwable t) {
                finished.completeExceptionally(t);
              }
            });
    await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(executor::isShutdown);

    assertThat(executor.tryExecute(() -> {})).isFalse();
    assertThat(executor.tryAcquire()).isNull();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(ExecutorSaturatedException.class)
        .hasMessageContaining("shut down");
    // Both tasks are still blocked on the gate, so shutdown cannot have returned.
    assertThat(finished).isNotDone();
    assertThat(executor.activeCount()).isEqualTo(2);

    gate.countDown();
    assertThat(finished.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(executor.activeCount()).isZero();
    assertThat(executor.shutdown(Duration.ZERO)).as("idempotent").isTrue();
  }

  @Test
  void shutdownInterruptsStragglersAfterTheDeadline() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(2, Duration.ZERO);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch never = gate();
    executor.execute(
        () -> {
          started.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted.countDown();
            Thread.currentThread().interrupt();
          }
        });
    awaitLatch(started);

    assertThat(executor.shutdown(Duration.ofMillis(10))).isFalse();
    awaitLatch(interrupted);
    await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> executor.activeCount() == 0);
    assertThat(executor.shutdown(Duration.ZERO)).isTrue();
  }

  @Test
  void shutdownDoesNotWaitForHeldPermitsBeyondTheDeadline() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(2, Duration.ZERO);
    Permit held = executor.tryAcquire();
    assertThat(held).isNotNull();

    assertThat(executor.shutdown(Duration.ZERO)).isFalse();
    assertThat(Thread.currentThread().isInterrupted())
        .as("the permit holder is not interrupted")
        .isFalse();
    held.close();
    assertThat(executor.activeCount()).isZero();
    assertThat(executor.shutdown(Duration.ZERO)).isTrue();
  }

  @Test
  void aThrowingTaskReleasesItsPermit() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ZERO);
    for (int i = 0; i < 5; i++) {
      int round = i;
      await()
          .atMost(Duration.ofSeconds(WAIT_SECONDS))
          .until(
              () ->
                  executor.tryExecute(
                      () -> {
                        if (round % 2 == 0) {
                          throw new IllegalStateException("task failure " + round);
                        }
                        throw new AssertionError("task error " + round);
                      }));
    }
    await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> executor.activeCount() == 0);
    CountDownLatch ran = new CountDownLatch(1);
    assertThat(executor.tryExecute(ran::countDown)).isTrue();
    awaitLatch(ran);
  }

  @Test
  void shutdownWhileInterruptedPropagatesTheInterrupt() throws Exception {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ZERO);
    CountDownLatch started = new CountDownLatch(1);
    executor.execute(blocking(started, gate()));
    awaitLatch(started);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> executor.shutdown(Duration.ofMinutes(1)))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted(); // in case the assertion failed with the flag still set
    }
  }

  @Test
  void validatesShutdownDeadline() {
    VirtualThreadBoundedExecutor executor = executor(1, Duration.ZERO);
    assertThatThrownBy(() -> executor.shutdown(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deadline");
    assertThatThrownBy(() -> executor.execute(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("task");
  }

  @Test
  void activeNeverExceedsTheCapUnderContention() throws Exception {
    int cap = 8;
    int hammers = 16;
    int rounds = 3_000;
    VirtualThreadBoundedExecutor executor = executor(cap, Duration.ZERO);
    AtomicInteger current = new AtomicInteger();
    AtomicInteger maxSeen = new AtomicInteger();
    AtomicInteger maxReported = new AtomicInteger();
    AtomicInteger accepted = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    Runnable work =
        () -> {
          int now = current.incrementAndGet();
          maxSeen.accumulateAndGet(now, Math::max);
          maxReported.accumulateAndGet(executor.activeCount(), Math::max);
          Thread.yield();
          current.decrementAndGet();
          completed.incrementAndGet();
        };

    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int h = 0; h < hammers; h++) {
      boolean useVirtual = h % 2 == 0;
      Runnable hammer =
          () -> {
            try {
              go.await();
              for (int r = 0; r < rounds; r++) {
                if ((r & 1) == 0) {
                  if (executor.tryExecute(work)) {
                    accepted.incrementAndGet();
                  }
                } else {
                  Permit permit = executor.tryAcquire();
                  if (permit != null) {
                    accepted.incrementAndGet();
                    try (permit) {
                      work.run();
                    }
                  }
                }
              }
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            }
          };
      threads.add(
          useVirtual ? Thread.ofVirtual().start(hammer) : Thread.ofPlatform().start(hammer));
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(failure.get()).isNull();
    assertThat(executor.shutdown(Duration.ofSeconds(30))).isTrue();

    assertThat(maxSeen.get()).isBetween(1, cap);
    assertThat(maxReported.get()).isBetween(1, cap);
    assertThat(accepted.get()).isPositive();
    assertThat(completed.get()).isEqualTo(accepted.get());
    assertThat(executor.activeCount()).isZero();
  }
}
