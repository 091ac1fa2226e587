package dev.mcpkit.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hand-off of a tape line from request threads to the tape writer (issue 17), as each design
 * does it: {@code arrayBlockingQueue}, the recorder before, where every offer takes the queue's one
 * lock and signals the writer blocked in {@code poll(timeout)}; {@code tapeQueue}, the gateway's
 * lock-free {@code TapeQueue}, whose writer sleeps when it finds the queue empty and is woken only
 * by the offer that fills it to half. Three producers offer while one consumer drains ({@code
 * offer} is the score that matters: what a request thread pays per recorded message; a refused
 * offer, the queue being full, counts as an operation too, as it does on the request path).
 *
 * <pre>{@code
 * java -jar mcp-benchmarks/target/benchmarks.jar TapeHandoffBenchmark
 * }</pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TapeHandoffBenchmark {
  private static final int CAPACITY = 10_000;
  private static final long WRITER_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final MethodHandle NEW_QUEUE;
  private static final MethodHandle OFFER;
  private static final MethodHandle POLL;
  private static final MethodHandle RELEASE;

  static {
    try {
      // The gateway's internal class, reached as the benchmarks run: from the class path.
      Class<?> type = Class.forName("dev.mcpkit.gateway.internal.tape.TapeQueue");
      Constructor<?> constructor = type.getDeclaredConstructor(int.class);
      constructor.setAccessible(true);
      Method offer = type.getDeclaredMethod("offer", Object.class);
      offer.setAccessible(true);
      Method poll = type.getDeclaredMethod("poll");
      poll.setAccessible(true);
      Method release = type.getDeclaredMethod("release", int.class);
      release.setAccessible(true);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEW_QUEUE =
          lookup
              .unreflectConstructor(constructor)
              .asType(MethodType.methodType(Object.class, int.class));
      OFFER =
          lookup
              .unreflect(offer)
              .asType(MethodType.methodType(int.class, Object.class, Object.class));
      POLL = lookup.unreflect(poll).asType(MethodType.methodType(Object.class, Object.class));
      RELEASE =
          lookup
              .unreflect(release)
              .asType(MethodType.methodType(void.class, Object.class, int.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Which hand-off. */
  @Param({"arrayBlockingQueue", "tapeQueue"})
  public String queue = "tapeQueue";

  private final Object line = new Object();
  private final ArrayBlockingQueue<Object> blocking = new ArrayBlockingQueue<>(CAPACITY);
  private @Nullable Object lockFree;
  private volatile @Nullable Thread consumer;

  /** Makes the queue. */
  @Setup
  public void setUp() throws Throwable {
    if (queue.equals("tapeQueue")) {
      lockFree = (Object) NEW_QUEUE.invokeExact(CAPACITY);
    }
  }

  /**
   * A request thread hands a line over.
   *
   * @return whether it was taken
   */
  @Benchmark
  @Group("handoff")
  @GroupThreads(3)
  public boolean offer() throws Throwable {
    Object q = lockFree;
    if (q == null) {
      return blocking.offer(line);
    }
    int before = (int) OFFER.invokeExact(q, line);
    if (before == CAPACITY / 2) {
      Thread writer = consumer;
      if (writer != null) {
        LockSupport.unpark(writer);
      }
    }
    return before >= 0;
  }

  /**
   * The writer takes what is there, as the recorder's writer does.
   *
   * @return what it took, or null
   */
  @Benchmark
  @Group("handoff")
  @GroupThreads(1)
  public @Nullable Object drain() throws Throwable {
    Object q = lockFree;
    if (q == null) {
      return blocking.poll(100, TimeUnit.MILLISECONDS);
    }
    if (consumer == null) {
      consumer = Thread.currentThread();
    }
    Object taken = (Object) POLL.invokeExact(q);
    if (taken == null) {
      LockSupport.parkNanos(WRITER_PAUSE_NANOS);
      return null;
    }
    RELEASE.invokeExact(q, 1);
    return taken;
  }
}
