package dev.mcpkit.benchmarks;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.session.SessionManagers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The session table's entries keyed by the two id forms, in one run ({@code form} parameter): the
 * compact id of issue 20 (128 bits in two {@code long}s) against the old form, an id held as its
 * 24-character text (what every id was before; today {@code SessionId.of} keeps such a text as
 * given, so the same table code serves both and only the key differs).
 *
 * <p>The table is reached through the public API: 100,000 records of the form are put in the
 * in-memory store and loaded into the manager's table before measuring (a table filled by
 * rehydration holds whatever ids the store had).
 *
 * <ul>
 *   <li>{@link #lookupTouch}: the per-request path from a header's text: {@code SessionId.of}, the
 *       table probe (hash, {@code equals}), the touch.
 *   <li>{@link #insertRemove}: one entry in and out: a miss loads it from the store into the table
 *       (insert), a close takes it out (remove) and deletes the record, which the next operation
 *       puts back; the store's map is keyed by the same ids, so it pays the form's hash and equals
 *       too.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SessionEntryBenchmark {
  /** Ids held as 24-character text, as before issue 20. */
  public static final String LEGACY = "legacy";

  /** Ids of 128 bits held as two {@code long}s. */
  public static final String COMPACT = "compact";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The id form under test. */
  @Param({LEGACY, COMPACT})
  public String form;

  /** Sessions in the table. */
  @Param({"100000"})
  public int population;

  private SessionStore store;
  private SessionManager manager;
  private String[] headers;
  private SessionRecord spare;

  /** Fills the store and the table. */
  @Setup(Level.Trial)
  public void populate() {
    store = SessionManagers.inMemoryStore();
    manager =
        SessionManagers.builder()
            .store(store)
            .policy(
                SessionPolicy.builder()
                    .maxSessions(population + 1_000)
                    .idleTimeout(Duration.ofMinutes(30))
                    .build())
            .expiryInterval(Duration.ZERO)
            .build();
    headers = new String[population];
    for (int i = 0; i < population; i++) {
      SessionId id = newId();
      store.save(record(id));
      headers[i] = new String(id.value()); // a header's own copy of the text
      if (manager.touch(id) == null) {
        throw new IllegalStateException("session " + id + " did not load");
      }
    }
    spare = record(newId());
    if (manager.size() != population) {
      throw new IllegalStateException("table holds " + manager.size() + " of " + population);
    }
  }

  private SessionId newId() {
    return LEGACY.equals(form)
        ? SessionId.of(LegacySessionId.next().value())
        : SessionId.ofRandomBits(RANDOM.nextLong(), RANDOM.nextLong());
  }

  private static SessionRecord record(SessionId id) {
    Instant now = Instant.now();
    return new SessionRecord(
        id,
        SessionState.ACTIVE,
        now,
        now,
        ProtocolVersion.latest(),
        null,
        JsonNodeFactory.instance.objectNode(),
        null,
        Map.of());
  }

  /** Releases the table. */
  @TearDown(Level.Trial)
  public void close() {
    manager.shutdown(Duration.ZERO);
  }

  /**
   * Looks up a session by a header's text and records activity.
   *
   * @param random this thread's generator
   * @return the session, for the blackhole
   */
  @Benchmark
  public @Nullable Object lookupTouch(XorShift random) {
    return manager.touch(SessionId.of(headers[random.nextInt(headers.length)]));
  }

  /**
   * Inserts one entry (a load on a miss) and removes it (a close).
   *
   * @return whether the close found it, for the blackhole
   */
  @Benchmark
  public boolean insertRemove() {
    store.save(spare);
    if (manager.touch(spare.id()) == null) {
      throw new IllegalStateException("the spare session did not load");
    }
    return manager.close(spare.id(), CloseReason.CLIENT_REQUEST);
  }
}
