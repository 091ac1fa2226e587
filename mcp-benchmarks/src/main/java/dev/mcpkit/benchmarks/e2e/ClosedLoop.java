package dev.mcpkit.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop load run: N users, each with one operation in flight at a time, each sending its
 * next operation as soon as the previous one completed, until the run's time is up. Sends and
 * completions are asynchronous (the connections' callbacks), so N is not limited by threads.
 *
 * <p><b>Coordinated omission.</b> A closed loop sends less while the server is slow, so the slow
 * periods get fewer samples than they deserve. Each latency is therefore recorded with {@link
 * Histogram#recordValueWithExpectedInterval}: with an expected interval E (the user's mean time
 * between sends measured in the scenario's warm-up, N / throughput), a latency L > E also records
 * the latencies L - E, L - 2E, ... that the requests a steady open-loop user would have sent
 * meanwhile would have seen. The uncorrected histogram is kept beside it.
 *
 * <p>Thread-safety: each user's histograms are touched by one operation at a time (the next send
 * happens after the previous completion, in its callback or in the loop that saw it complete); they
 * are merged after every user finished ({@link CountDownLatch} gives the happens-before).
 */
final class ClosedLoop {
  /** One user's next operation; the future completes with whether the answer was correct. */
  interface Operation {
    CompletableFuture<Boolean> next();
  }

  private ClosedLoop() {}

  /**
   * Runs the users for {@code duration}.
   *
   * @param users one operation source per user
   * @param duration how long users keep sending (the last completions come shortly after)
   * @param expectedIntervalMicros the coordinated-omission interval; 0 records uncorrected only
   */
  static LoadSample run(List<Operation> users, Duration duration, long expectedIntervalMicros)
      throws InterruptedException {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    CountDownLatch done = new CountDownLatch(users.size());
    AtomicLong errors = new AtomicLong();
    User[] running = new User[users.size()];
    long start = System.nanoTime();
    long stopAt = start + duration.toNanos();
    for (int i = 0; i < running.length; i++) {
      running[i] = new User(users.get(i), stopAt, expectedIntervalMicros, errors, done);
    }
    for (User user : running) {
      user.run(); // returns once its first answer is pending; the rest runs in completions
    }
    if (!done.await(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("users still running 60 s after the end of the run");
    }
    long elapsed = System.nanoTime() - start;
    long cpu = os.getProcessCpuTime() - cpuBefore;
    Histogram latency = new Histogram(3);
    Histogram raw = new Histogram(3);
    long operations = 0;
    for (User user : running) {
      latency.add(user.latency);
      raw.add(user.raw);
      operations += user.operations;
    }
    return new LoadSample(operations, errors.get(), elapsed, latency, raw, -1, cpu);
  }

  private static final class User {
    private final Operation operation;
    private final long stopAt;
    private final long expectedIntervalMicros;
    private final AtomicLong errors;
    private final CountDownLatch done;
    private final Histogram latency = new Histogram(3);
    private final Histogram raw = new Histogram(3);
    private long operations;

    User(
        Operation operation,
        long stopAt,
        long expectedIntervalMicros,
        AtomicLong errors,
        CountDownLatch done) {
      this.operation = operation;
      this.stopAt = stopAt;
      this.expectedIntervalMicros = expectedIntervalMicros;
      this.errors = errors;
      this.done = done;
    }

    /**
     * Sends operations until the time is up. An answer still pending continues this loop in its
     * completion callback, and this call returns; one already complete (a request that failed at
     * once) is recorded here, without recursion.
     */
    void run() {
      while (true) {
        long sent = System.nanoTime();
        if (sent - stopAt >= 0) {
          done.countDown();
          return;
        }
        CompletableFuture<Boolean> answer;
        try {
          answer = operation.next();
        } catch (RuntimeException e) {
          errors.incrementAndGet();
          done.countDown();
          return;
        }
        if (!answer.isDone()) {
          answer.whenComplete(
              (correct, failure) -> {
                if (completed(sent, correct, failure)) {
                  run();
                }
              });
          return;
        }
        Boolean correct = null;
        Throwable failure = null;
        try {
          correct = answer.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
          failure = e;
        }
        if (!completed(sent, correct, failure)) {
          return;
        }
      }
    }

    /** Records one answer; false (and this user done) after a transport failure. */
    private boolean completed(long sent, @Nullable Boolean correct, @Nullable Throwable failure) {
      long micros = Math.max(1, (System.nanoTime() - sent) / 1_000);
      operations++;
      if (failure != null || !Boolean.TRUE.equals(correct)) {
        errors.incrementAndGet();
      }
      if (failure != null) {
        // A transport failure (refused, reset, timed out): this user stops rather than spin on a
        // dead server; the error count says it happened.
        done.countDown();
        return false;
      }
      raw.recordValue(micros);
      if (expectedIntervalMicros > 0) {
        latency.recordValueWithExpectedInterval(micros, expectedIntervalMicros);
      } else {
        latency.recordValue(micros);
      }
      return true;
    }
  }
}
