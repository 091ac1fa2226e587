package dev.mcpkit.session;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.session.internal.DefaultSessionManager;
import dev.mcpkit.session.internal.InMemorySessionStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link SessionManager}s.
 *
 * {@snippet :
 * SessionManager sessions = SessionManagers.builder()
 *     .policy(SessionPolicy.builder().idleTimeout(Duration.ofMinutes(10)).build())
 *     .listener(event -> log.info("{}", event))
 *     .build();
 * }
 */
public final class SessionManagers {
  private SessionManagers() {}

  /**
   * Creates an empty in-memory {@link SessionStore}, the embedded default. Pass one instance to the
   * builders of several managers in the same JVM and each serves the sessions the others created.
   * The store is thread-safe.
   *
   * @return a new store
   */
  public static SessionStore inMemoryStore() {
    return new InMemorySessionStore();
  }

  /**
   * Starts a builder with the defaults: {@link SessionPolicy#defaults()}, the system clock, no
   * external store, stripes sized from the core count, an expiry pass every second on one daemon
   * thread.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    /** Default period of the background expiry pass. */
    public static final Duration DEFAULT_EXPIRY_INTERVAL = Duration.ofSeconds(1);

    SessionPolicy policy = SessionPolicy.defaults();
    InstantSource clock = InstantSource.system();
    @Nullable SessionStore store;
    final List<SessionListener> listeners = new ArrayList<>();
    int stripes = defaultStripes();
    Duration expiryInterval = DEFAULT_EXPIRY_INTERVAL;

    private Builder() {}

    private static int defaultStripes() {
      int wanted = Runtime.getRuntime().availableProcessors() * 4;
      return Integer.highestOneBit(Math.max(1, wanted - 1)) << 1;
    }

    /**
     * Sets the policy.
     *
     * @param policy the limits to enforce
     * @return this builder
     */
    public Builder policy(SessionPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the clock that creation, activity and expiry are measured by; tests pass a manual one.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets a store that session records are written through to and loaded from on a miss, so that
     * sessions survive restarts or span nodes. Without one, sessions live in this manager only.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(SessionStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /**
     * Adds a listener; listeners are called in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(SessionListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets the number of lock stripes of the session table.
     *
     * @param stripes a power of two from 1 to 65536
     * @return this builder
     */
    public Builder stripes(int stripes) {
      if (stripes < 1 || stripes > 65_536 || Integer.bitCount(stripes) != 1) {
        throw new IllegalArgumentException(
            "stripes must be a power of two from 1 to 65536, was " + stripes);
      }
      this.stripes = stripes;
      return this;
    }

    /**
     * Sets the period of the background expiry pass; {@link Duration#ZERO} starts no thread, and
     * expiry then happens only through {@link SessionManager#cleanUp()} (and lazily on lookup).
     *
     * @param expiryInterval zero or positive
     * @return this builder
     */
    public Builder expiryInterval(Duration expiryInterval) {
      requireNonNull(expiryInterval, "expiryInterval");
      if (expiryInterval.isNegative()) {
        throw new IllegalArgumentException(
            "expiryInterval must not be negative, was " + expiryInterval);
      }
      this.expiryInterval = expiryInterval;
      return this;
    }

    /**
     * Builds and starts the manager. Unless the expiry interval is zero, this starts one daemon
     * thread for the background expiry pass; {@link SessionManager#shutdown(Duration)} (or {@code
     * close()}) stops it.
     *
     * @return the manager
     */
    public SessionManager build() {
      return DefaultSessionManager.start(
          policy, clock, store, List.copyOf(listeners), stripes, expiryInterval);
    }
  }
}
