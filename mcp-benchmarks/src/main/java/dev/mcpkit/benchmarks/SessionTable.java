package dev.mcpkit.benchmarks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import java.time.Duration;
import java.time.InstantSource;
import org.jspecify.annotations.Nullable;

/**
 * The few operations the benchmarks compare, over one implementation each: mcpkit's session manager
 * or a baseline. Implementations are thread-safe, as the real ones they wrap.
 */
interface SessionTable extends AutoCloseable {

  /** The implementations, by the name used in the benchmarks' {@code impl} parameter. */
  String MCPKIT = "mcpkit";

  /**
   * mcpkit's session manager with {@code McpMetrics}' session listener on a real OpenTelemetry SDK.
   */
  String MCPKIT_METRICS = "mcpkit-metrics";

  /** {@code ConcurrentHashMap} with a volatile last-access write and no expiry of its own. */
  String CHM = "chm";

  /** Like {@link #CHM}, with expiry by a naive full scan: the O(live) baseline of the sweep. */
  String CHM_SCAN = "chm-scan";

  /** Caffeine with {@code expireAfterAccess}. */
  String CAFFEINE = "caffeine";

  /**
   * How a table is set up.
   *
   * @param maxSessions the most live sessions (only mcpkit enforces it)
   * @param idleTimeout idle time after which a session expires
   * @param clock the time source for activity and expiry
   * @param manualTime {@code true} when {@code clock} is driven by the benchmark: no background
   *     expiry, expiry only by {@link #expire()}
   */
  record Config(int maxSessions, Duration idleTimeout, InstantSource clock, boolean manualTime) {
    /** Validates the fields. */
    public Config {
      requireNonNull(idleTimeout, "idleTimeout");
      requireNonNull(clock, "clock");
      if (maxSessions <= 0) {
        throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
      }
    }
  }

  /**
   * Creates a table.
   *
   * @param impl one of {@link #MCPKIT}, {@link #MCPKIT_METRICS}, {@link #CHM}, {@link #CHM_SCAN},
   *     {@link #CAFFEINE}
   * @param config the set-up
   * @return the table
   */
  static SessionTable create(String impl, Config config) {
    return switch (impl) {
      case MCPKIT -> new McpkitSessionTable(config, null);
      case MCPKIT_METRICS -> new McpkitSessionTable(config, Telemetry.create(false));
      case CHM, CHM_SCAN -> new ChmSessionTable(config);
      case CAFFEINE -> new CaffeineSessionTable(config);
      default ->
          throw new IllegalArgumentException(
              "impl must be one of mcpkit, mcpkit-metrics, chm, chm-scan, caffeine, was " + impl);
    };
  }

  /**
   * Creates a session with a fresh, unguessable id.
   *
   * @return its id
   */
  SessionId create();

  /**
   * Finds a session and records activity on it: the per-request hot path.
   *
   * @param id the id
   * @return what was found (for the blackhole), or {@code null}
   */
  @Nullable Object touch(SessionId id);

  /**
   * Ends a session, as on a client's DELETE.
   *
   * @param id the id
   * @return {@code true} if it was live
   */
  boolean terminate(SessionId id);

  /**
   * Removes every session past its idle deadline.
   *
   * @return how many were removed
   */
  int expire();

  /**
   * Returns the number of live sessions.
   *
   * @return the count
   */
  int size();

  @Override
  void close();
}
