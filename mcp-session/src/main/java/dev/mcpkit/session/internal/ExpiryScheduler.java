package dev.mcpkit.session.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background expiry pass every interval on one daemon platform thread. This is the only
 * place the session engine creates a thread.
 *
 * <p>Thread-safe: {@link #start} and {@link #stop} may be called from any thread; passes never
 * overlap (one thread, fixed delay). A pass that throws is logged and the schedule continues.
 */
final class ExpiryScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(ExpiryScheduler.class);

  private final ScheduledExecutorService executor;
  private final Duration interval;
  private final Runnable pass;

  ExpiryScheduler(Duration interval, Runnable pass) {
    ThreadFactory threads =
        Thread.ofPlatform().name("mcpkit-session-expiry-", 0).daemon(true).factory();
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, threads);
    pool.setRemoveOnCancelPolicy(true);
    this.executor = pool;
    this.interval = interval;
    this.pass = pass;
  }

  void start() {
    long nanos = Math.max(1, interval.toNanos());
    executor.scheduleWithFixedDelay(this::runPass, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void runPass() {
    try {
      pass.run();
    } catch (RuntimeException e) {
      LOG.warn("session expiry pass failed", e);
    }
  }

  /** Cancels future passes; a pass under way finishes. The thread then ends. */
  void stop() {
    executor.shutdown();
  }
}
