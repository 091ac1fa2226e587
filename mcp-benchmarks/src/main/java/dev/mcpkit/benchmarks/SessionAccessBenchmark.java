package dev.mcpkit.benchmarks;

import dev.mcpkit.api.SessionId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session access under contention: mcpkit's session table against {@code ConcurrentHashMap} and
 * Caffeine, in one run ({@code impl} parameter). Run it at {@code -t 1}, {@code -t 2} and {@code -t
 * max}; see {@code BENCHMARKS.md} for the exact commands.
 *
 * <ul>
 *   <li>{@link #lookupTouch}: find an existing session by id and record activity — the per-request
 *       hot path (90%+ of real traffic). Keys are drawn uniformly from a pre-populated table.
 *   <li>{@link #churn}: create a session and terminate it, as initialize + DELETE.
 *   <li>{@link #mix95}: 95% lookup+touch, 5% churn, chosen per operation by the thread's own
 *       generator, so the operation mix holds at any {@code -t}.
 *   <li>{@code readsUnderChurn} group: three lookup+touch threads beside one churn thread, to see
 *       what writers cost the readers (thread counts fixed by {@code @GroupThreads}).
 * </ul>
 *
 * <p>Every implementation mints its ids from {@code SecureRandom}, so churn compares like with
 * like. The population is created before measurement and does not change across iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SessionAccessBenchmark {
  /** Idle timeout long enough that nothing expires during a run. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** The implementation under test. */
  @Param({SessionTable.MCPKIT, SessionTable.CHM, SessionTable.CAFFEINE})
  public String impl;

  /** Live sessions present before measurement. */
  @Param({"100000"})
  public int population;

  private SessionTable table;
  private SessionId[] ids;

  /** Builds the table and fills it; the ids are kept in an array so lookups need no generation. */
  @Setup(Level.Trial)
  public void populate() {
    table =
        SessionTable.create(
            impl,
            new SessionTable.Config(
                population + 1_024 * Runtime.getRuntime().availableProcessors(),
                IDLE_TIMEOUT,
                InstantSource.system(),
                false));
    ids = new SessionId[population];
    for (int i = 0; i < population; i++) {
      ids[i] = table.create();
    }
  }

  /** Checks that the run left the population intact, then releases the table. */
  @TearDown(Level.Trial)
  public void close() {
    int size = table.size();
    table.close();
    if (size < population) {
      throw new IllegalStateException(
          impl + " lost sessions during the run: " + size + " of " + population);
    }
  }

  /**
   * Looks up a random existing session and records activity.
   *
   * @param random this thread's generator
   * @return the session found, for the blackhole
   */
  @Benchmark
  public @Nullable Object lookupTouch(XorShift random) {
    return table.touch(ids[random.nextInt(ids.length)]);
  }

  /**
   * Creates a session and terminates it.
   *
   * @return whether the termination found the session, for the blackhole
   */
  @Benchmark
  public boolean churn() {
    return table.terminate(table.create());
  }

  /**
   * 95% lookup+touch, 5% create+terminate.
   *
   * @param random this thread's generator
   * @return what the operation returned, for the blackhole
   */
  @Benchmark
  public @Nullable Object mix95(XorShift random) {
    long draw = random.next();
    if (Long.remainderUnsigned(draw, 100) < 5) {
      return table.terminate(table.create());
    }
    return table.touch(ids[(int) (((draw >>> 32) * ids.length) >>> 32)]);
  }

  /**
   * The readers of the {@code readsUnderChurn} group.
   *
   * @param random this thread's generator
   * @return the session found, for the blackhole
   */
  @Benchmark
  @Group("readsUnderChurn")
  @GroupThreads(3)
  public @Nullable Object readsUnderChurnLookup(XorShift random) {
    return table.touch(ids[random.nextInt(ids.length)]);
  }

  /**
   * The writer of the {@code readsUnderChurn} group.
   *
   * @return whether the termination found the session, for the blackhole
   */
  @Benchmark
  @Group("readsUnderChurn")
  @GroupThreads(1)
  public boolean readsUnderChurnWrite() {
    return table.terminate(table.create());
  }
}
