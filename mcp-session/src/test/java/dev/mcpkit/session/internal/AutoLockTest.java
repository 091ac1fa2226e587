package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
class AutoLockTest {
  private final AutoLock lock = new AutoLock();
  private final ExecutorService other = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    other.shutdownNow();
  }

  /** Whether another thread can take the lock now (it takes and releases it at once). */
  private boolean freeForAnotherThread() throws Exception {
    Future<Boolean> taken =
        other.submit(
            () -> {
              try (AutoLock ignored = lock.lock()) {
                return lock.isHeldByCurrentThread();
              }
            });
    return taken.get(10, TimeUnit.SECONDS);
  }

  @Test
  void closingTheHeldLockReleasesIt() throws Exception {
    try (AutoLock held = lock.lock()) {
      assertThat(lock.isHeldByCurrentThread()).isTrue();
      assertThat(held).as("no allocation per lock()").isSameAs(lock);
    }
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(freeForAnotherThread()).isTrue();
  }

  @Test
  void aBodyThatThrowsStillReleasesTheLock() throws Exception {
    assertThatThrownBy(
            () -> {
              try (AutoLock ignored = lock.lock()) {
                throw new IllegalStateException("body failed");
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("body failed")
        .hasNoSuppressedExceptions();
    assertThat(lock.isHeldByCurrentThread()).isFalse();
    assertThat(freeForAnotherThread()).isTrue();
  }

  @Test
  void itIsReentrantAndEachCloseReleasesOneHold() {
    try (AutoLock outer = lock.lock()) {
      try (AutoLock inner = lock.lock()) {
        assertThat(lock.isHeldByCurrentThread()).isTrue();
      }
      assertThat(lock.isHeldByCurrentThread()).as("still held by the outer section").isTrue();
    }
    assertThat(lock.isHeldByCurrentThread()).isFalse();
  }

  @Test
  void closingWithoutHoldingTheLockFails() {
    assertThatThrownBy(lock::close).isInstanceOf(IllegalMonitorStateException.class);
  }

  @Test
  void aConditionReleasesTheLockWhileAwaitingAndWakesOnSignal() throws Exception {
    Condition ready = lock.newCondition();
    boolean[] signalled = {false}; // guarded by lock
    CountDownLatch holding = new CountDownLatch(1);
    Future<Boolean> waiter =
        other.submit(
            () -> {
              try (AutoLock ignored = lock.lock()) {
                holding.countDown();
                while (!signalled[0]) {
                  ready.await();
                }
                return lock.isHeldByCurrentThread();
              }
            });
    assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
    // The waiter held the lock from before the count-down until its await released it, so taking
    // it here means the waiter is inside await.
    try (AutoLock ignored = lock.lock()) {
      signalled[0] = true;
      ready.signalAll();
    }
    assertThat(waiter.get(10, TimeUnit.SECONDS)).as("woken, holding the lock again").isTrue();
    assertThat(freeForAnotherThread()).isTrue();
  }
}
