package dev.mcpkit.benchmarks;

import dev.mcpkit.api.SessionId;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The session id of issue 20 (128 bits held as two {@code long}s, {@code SessionId.of} recognizing
 * their canonical text) against the id it replaced ({@link LegacySessionId}: a record of a 24
 * character {@code String}), in one run ({@code form} parameter):
 *
 * <ul>
 *   <li>{@link #generate}: mint an id. The new way is mcpkit's own generator ({@code
 *       SessionIdGenerator.next()}, buffered {@code SecureRandom}), reached reflectively since the
 *       package is internal; the old way draws 18 bytes from {@code SecureRandom} per id.
 *   <li>{@link #parse}: the id of a request's {@code Mcp-Session-Id} header value, as the engine
 *       makes it on every request.
 *   <li>{@link #hashEquals}: what a table probe does with it: the spread hash and an {@code equals}
 *       against the equal id held by the table (a distinct instance).
 *   <li>{@link #render}: the header text of an id ({@code value()}), which the compact form builds
 *       on each call (the engine needs it once per session, in the {@code initialize} answer).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionIdBenchmark {
  /** The old form, {@link LegacySessionId}. */
  public static final String LEGACY = "legacy";

  /** The new form, {@code SessionId}. */
  public static final String COMPACT = "compact";

  private static final MethodHandle GENERATOR = generator();

  /** The form under test. */
  @Param({LEGACY, COMPACT})
  public String form;

  private boolean compact;
  private String header;
  private LegacySessionId legacyHeld;
  private LegacySessionId legacyProbe;
  private SessionId compactHeld;
  private SessionId compactProbe;

  /** One id of each form, and its text as a header would carry it. */
  @Setup
  public void setUp() {
    compact = COMPACT.equals(form);
    legacyHeld = LegacySessionId.next();
    legacyProbe = new LegacySessionId(new String(legacyHeld.value()));
    compactHeld = next();
    compactProbe = SessionId.of(new String(compactHeld.value()));
    header = compact ? compactHeld.value() : legacyHeld.value();
  }

  private static MethodHandle generator() {
    try {
      Class<?> type = Class.forName("dev.mcpkit.session.internal.SessionIdGenerator");
      var method = type.getDeclaredMethod("next");
      method.setAccessible(true); // the benchmarks run from the class path (see the pom)
      return MethodHandles.lookup()
          .unreflect(method)
          .asType(MethodType.methodType(SessionId.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("mcpkit's SessionIdGenerator is not reachable", e);
    }
  }

  private static SessionId next() {
    try {
      return (SessionId) GENERATOR.invokeExact();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Mints an id.
   *
   * @return the id, for the blackhole
   */
  @Benchmark
  public Object generate() {
    return compact ? next() : LegacySessionId.next();
  }

  /**
   * Makes the id of a header's text.
   *
   * @return the id, for the blackhole
   */
  @Benchmark
  public Object parse() {
    return compact ? SessionId.of(header) : new LegacySessionId(header);
  }

  /**
   * Hashes an id and compares it with the equal one a table holds.
   *
   * @return the hash, negated when unequal, for the blackhole
   */
  @Benchmark
  public int hashEquals() {
    if (compact) {
      int h = compactProbe.hashCode();
      return compactProbe.equals(compactHeld) ? h : ~h;
    }
    int h = legacyProbe.spread();
    return legacyProbe.equals(legacyHeld) ? h : ~h;
  }

  /**
   * Renders an id's text.
   *
   * @return the text, for the blackhole
   */
  @Benchmark
  public String render() {
    return compact ? compactHeld.value() : legacyHeld.value();
  }
}
