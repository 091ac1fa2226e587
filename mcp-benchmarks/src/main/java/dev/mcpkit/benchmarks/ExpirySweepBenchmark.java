package dev.mcpkit.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Expiry cost per expired session against the live population: each invocation expires exactly
 * {@value #EXPIRING} sessions out of {@code population}, and the score is the time of the expiry
 * pass divided by {@value #EXPIRING} ({@code @OperationsPerInvocation}). An expiry that costs
 * O(expired) scores the same at 10k and 1M live; a full scan ({@code chm-scan}) grows with the
 * population.
 *
 * <p>Steady state under a {@link ManualClock}: sessions are created in slots of {@value #EXPIRING},
 * one slot per {@link #STEP} of clock time, and the idle timeout is {@code (population / EXPIRING -
 * 0.5)} steps. Before each invocation, the setup creates one new slot and advances the clock one
 * step, which puts exactly the oldest slot past its deadline (by half a step, so no deadline falls
 * on a tick boundary); the measured pass removes it and the population returns to what it was. Only
 * the pass is timed. Creating before advancing means no implementation can expire the slot early as
 * a side effect of the creates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ExpirySweepBenchmark.EXPIRING)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ExpirySweepBenchmark {
  /** Sessions that expire per invocation. */
  static final int EXPIRING = 1_000;

  /** Clock time between two slots. */
  static final Duration STEP = Duration.ofSeconds(1);

  /** The implementation under test. */
  @Param({SessionTable.MCPKIT, SessionTable.CHM_SCAN, SessionTable.CAFFEINE})
  public String impl;

  /** Live sessions when the expiry pass runs (including the {@value #EXPIRING} that expire). */
  @Param({"10000", "100000", "1000000"})
  public int population;

  private ManualClock clock;
  private SessionTable table;
  private long invocations;
  private long expired;

  /** Fills the table with all slots but the newest, spread one step apart. */
  @Setup(Level.Trial)
  public void populate() {
    if (population % EXPIRING != 0 || population < 2 * EXPIRING) {
      throw new IllegalArgumentException(
          "population must be a multiple of "
              + EXPIRING
              + " and at least "
              + 2 * EXPIRING
              + ", was "
              + population);
    }
    int slots = population / EXPIRING;
    clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    Duration idleTimeout = STEP.multipliedBy(slots).minus(STEP.dividedBy(2));
    table =
        SessionTable.create(
            impl, new SessionTable.Config(population + 2 * EXPIRING, idleTimeout, clock, true));
    for (int slot = 0; slot < slots - 1; slot++) {
      createSlot();
      clock.advance(STEP);
    }
  }

  /** Adds the newest slot, then moves time so that exactly the oldest slot is expired. */
  @Setup(Level.Invocation)
  public void nextSlot() {
    createSlot();
    clock.advance(STEP);
  }

  private void createSlot() {
    for (int i = 0; i < EXPIRING; i++) {
      table.create();
    }
  }

  /**
   * Runs one expiry pass.
   *
   * @return the number of sessions it removed, for the blackhole
   */
  @Benchmark
  public int expire() {
    int removed = table.expire();
    invocations++;
    expired += removed;
    return removed;
  }

  /**
   * Reports when the passes did not remove {@value #EXPIRING} sessions on average, which would make
   * the per-session score wrong; resets the tally for the next iteration.
   */
  @TearDown(Level.Iteration)
  public void checkTally() {
    if (invocations > 0) {
      double perPass = (double) expired / invocations;
      if (Math.abs(perPass - EXPIRING) > EXPIRING * 0.1) {
        System.out.printf(
            "%nWARNING: %s at %d removed %.1f sessions per pass, expected %d%n",
            impl, population, perPass, EXPIRING);
      }
    }
    invocations = 0;
    expired = 0;
  }

  /** Releases the table. */
  @TearDown(Level.Trial)
  public void close() {
    table.close();
  }

  /**
   * Runs one set-up, one expiry pass and the check, outside JMH; for tests.
   *
   * @return the number of sessions the pass removed
   */
  int runOnce() {
    nextSlot();
    return expire();
  }

  /**
   * Returns the table's live count; for tests.
   *
   * @return the count
   */
  int size() {
    return table.size();
  }
}
