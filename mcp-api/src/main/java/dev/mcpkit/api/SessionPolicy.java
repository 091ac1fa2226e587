package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits that a {@link SessionManager} enforces: idle timeout, absolute lifetime, maximum session
 * count and what happens when it is reached, the pool of handshakes in progress, per-client
 * admission, and how often activity is recorded.
 *
 * {@snippet :
 * SessionPolicy policy = SessionPolicy.builder()
 *     .idleTimeout(Duration.ofMinutes(10))
 *     .maxSessions(50_000)
 *     .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
 *     .handshakeTimeout(Duration.ofSeconds(5))
 *     .build();
 * }
 *
 * <h2>Handshakes apart from established sessions</h2>
 *
 * A session is <em>pending</em> from {@code initialize} until the client's {@code
 * notifications/initialized} ({@link SessionState#INITIALIZING}), and <em>established</em> after
 * ({@link SessionState#ACTIVE}, {@link SessionState#DRAINING}). Creating a session is the one write
 * a public server accepts from anyone, so pending sessions are kept apart, and a flood of
 * handshakes that never complete can neither evict nor lock out established clients:
 *
 * <ul>
 *   <li>At most {@code maxPendingHandshakes} sessions are pending at once. When the pool is full, a
 *       new session is refused ({@link SessionAdmissionException.Reason#HANDSHAKE_POOL_FULL}, HTTP
 *       503 with {@code Retry-After}); nothing is evicted to make room.
 *   <li>A pending session that does not complete within {@code handshakeTimeout} of its creation is
 *       closed with {@link CloseReason#HANDSHAKE_TIMEOUT}, which frees its slot: a well-behaved
 *       client gets a slot within one handshake timeout, during a flood as after it.
 *   <li>{@code maxSessions} bounds established sessions, and its {@code admissionPolicy} applies to
 *       them. Under {@link AdmissionPolicy#REJECT_NEW} a pending session reserves its established
 *       slot when it is created (so it counts toward {@code maxSessions}, and {@code initialize} is
 *       refused at once when there is no room; nothing fails later): live sessions never exceed
 *       {@code maxSessions}, and pending ones never hold more than {@code maxPendingHandshakes} of
 *       them. Under {@link AdmissionPolicy#EVICT_LONGEST_IDLE} a pending session takes its slot
 *       only when its handshake completes, evicting the longest-idle established session if needed:
 *       only a client that completes the handshake can ever evict anyone, and pending sessions are
 *       never evicted nor evict. Live sessions then stay below {@code maxSessions +
 *       maxPendingHandshakes} (during a shutdown, pending sessions moved to draining may briefly
 *       exceed it).
 * </ul>
 *
 * With a shared {@link dev.mcpkit.api.spi.SessionStore}, the pending pool, the handshake timeout
 * and the per-client counts are local to each node: a node counts the handshakes it started and the
 * sessions it created. A pending session whose handshake completed on another node is adopted as
 * established when its timeout comes, not closed.
 *
 * @param idleTimeout a session with no activity for this long is closed with {@link
 *     CloseReason#IDLE_EXPIRED}; positive
 * @param maxLifetime a session older than this is closed with {@link CloseReason#LIFETIME_EXPIRED},
 *     however active; positive
 * @param maxSessions the most established sessions at once (see above); positive
 * @param admissionPolicy what happens when an established session would exceed {@code maxSessions}
 * @param touchGranularity activity closer than this to the last recorded one is not recorded again
 *     (saves memory traffic on the hot path); zero or positive, and shorter than {@code
 *     idleTimeout}
 * @param maxPendingHandshakes the most pending sessions at once; positive and at most {@code
 *     maxSessions}
 * @param handshakeTimeout a pending session older than this is closed with {@link
 *     CloseReason#HANDSHAKE_TIMEOUT}; positive
 * @param clientLimits the per-client rate and session cap, checked before the limits above
 */
public record SessionPolicy(
    Duration idleTimeout,
    Duration maxLifetime,
    int maxSessions,
    AdmissionPolicy admissionPolicy,
    Duration touchGranularity,
    int maxPendingHandshakes,
    Duration handshakeTimeout,
    ClientLimits clientLimits) {

  /** Default idle timeout: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default absolute lifetime: 24 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** Default maximum number of live sessions: 10,000. */
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  /** Default touch granularity: one second. */
  public static final Duration DEFAULT_TOUCH_GRANULARITY = Duration.ofSeconds(1);

  /**
   * Default bound of the pending pool, unless {@code maxSessions} is smaller: 1,000. A real client
   * holds a slot for one round trip (milliseconds), so a thousand slots serve hundreds of thousands
   * of handshakes per second; under {@code REJECT_NEW} with the default 10,000 sessions, a flood
   * can hold at most a tenth of the sessions.
   */
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 1_000;

  /**
   * Default handshake timeout: 10 seconds. Real clients send {@code notifications/initialized}
   * right after the answer to {@code initialize}; ten seconds covers a slow link and a busy client,
   * and bounds how long a flood holds a slot.
   */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** What to do when a new session would exceed {@link #maxSessions()}. */
  public enum AdmissionPolicy {
    /**
     * Refuse the new session with {@link SessionAdmissionException} (a 503-class answer) when its
     * {@code initialize} arrives.
     */
    REJECT_NEW,
    /**
     * Close the longest-idle established session with {@link CloseReason#EVICTED} when a new
     * session completes its handshake.
     */
    EVICT_LONGEST_IDLE
  }

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException naming the offending option
   */
  public SessionPolicy {
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(maxLifetime, "maxLifetime");
    requireNonNull(admissionPolicy, "admissionPolicy");
    requireNonNull(touchGranularity, "touchGranularity");
    requireNonNull(handshakeTimeout, "handshakeTimeout");
    requireNonNull(clientLimits, "clientLimits");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    if (maxLifetime.isNegative() || maxLifetime.isZero()) {
      throw new IllegalArgumentException("maxLifetime must be positive, was " + maxLifetime);
    }
    if (maxSessions <= 0) {
      throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
    }
    if (touchGranularity.isNegative()) {
      throw new IllegalArgumentException(
          "touchGranularity must not be negative, was " + touchGranularity);
    }
    if (touchGranularity.compareTo(idleTimeout) >= 0) {
      throw new IllegalArgumentException(
          "touchGranularity ("
              + touchGranularity
              + ") must be shorter than idleTimeout ("
              + idleTimeout
              + ")");
    }
    if (maxPendingHandshakes <= 0) {
      throw new IllegalArgumentException(
          "maxPendingHandshakes must be positive, was " + maxPendingHandshakes);
    }
    if (maxPendingHandshakes > maxSessions) {
      throw new IllegalArgumentException(
          "maxPendingHandshakes ("
              + maxPendingHandshakes
              + ") must not exceed maxSessions ("
              + maxSessions
              + ")");
    }
    if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
      throw new IllegalArgumentException(
          "handshakeTimeout must be positive, was " + handshakeTimeout);
    }
  }

  /**
   * Creates a policy with the default handshake pool ({@code min(maxSessions, 1,000)}), handshake
   * timeout (10 seconds) and client limits.
   *
   * @param idleTimeout see {@link #idleTimeout()}
   * @param maxLifetime see {@link #maxLifetime()}
   * @param maxSessions see {@link #maxSessions()}
   * @param admissionPolicy see {@link #admissionPolicy()}
   * @param touchGranularity see {@link #touchGranularity()}
   */
  public SessionPolicy(
      Duration idleTimeout,
      Duration maxLifetime,
      int maxSessions,
      AdmissionPolicy admissionPolicy,
      Duration touchGranularity) {
    this(
        idleTimeout,
        maxLifetime,
        maxSessions,
        admissionPolicy,
        touchGranularity,
        Math.min(Math.max(1, maxSessions), DEFAULT_MAX_PENDING_HANDSHAKES),
        DEFAULT_HANDSHAKE_TIMEOUT,
        ClientLimits.defaults());
  }

  /**
   * Returns the defaults: 30 minutes idle, 24 hours lifetime, 10,000 sessions, reject new, 1 second
   * granularity, 1,000 pending handshakes of at most 10 seconds, {@link ClientLimits#defaults()}.
   *
   * @return the default policy
   */
  public static SessionPolicy defaults() {
    return builder().build();
  }

  /**
   * Starts a builder preset with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private AdmissionPolicy admissionPolicy = AdmissionPolicy.REJECT_NEW;
    private Duration touchGranularity = DEFAULT_TOUCH_GRANULARITY;
    private int maxPendingHandshakes; // 0: min(maxSessions, DEFAULT_MAX_PENDING_HANDSHAKES)
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private ClientLimits clientLimits = ClientLimits.defaults();

    private Builder() {}

    /**
     * Sets the idle timeout.
     *
     * @param idleTimeout positive
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * Sets the absolute lifetime.
     *
     * @param maxLifetime positive
     * @return this builder
     */
    public Builder maxLifetime(Duration maxLifetime) {
      requireNonNull(maxLifetime, "maxLifetime");
      if (maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new IllegalArgumentException("maxLifetime must be positive, was " + maxLifetime);
      }
      this.maxLifetime = maxLifetime;
      return this;
    }

    /**
     * Sets the maximum number of live sessions.
     *
     * @param maxSessions positive
     * @return this builder
     */
    public Builder maxSessions(int maxSessions) {
      if (maxSessions <= 0) {
        throw new IllegalArgumentException("maxSessions must be positive, was " + maxSessions);
      }
      this.maxSessions = maxSessions;
      return this;
    }

    /**
     * Sets what happens at the maximum.
     *
     * @param admissionPolicy the policy
     * @return this builder
     */
    public Builder admissionPolicy(AdmissionPolicy admissionPolicy) {
      this.admissionPolicy = requireNonNull(admissionPolicy, "admissionPolicy");
      return this;
    }

    /**
     * Sets the touch granularity.
     *
     * @param touchGranularity zero or positive
     * @return this builder
     */
    public Builder touchGranularity(Duration touchGranularity) {
      requireNonNull(touchGranularity, "touchGranularity");
      if (touchGranularity.isNegative()) {
        throw new IllegalArgumentException(
            "touchGranularity must not be negative, was " + touchGranularity);
      }
      this.touchGranularity = touchGranularity;
      return this;
    }

    /**
     * Sets the most sessions pending their handshake at once; unless set, {@code min(maxSessions,
     * 1,000)}.
     *
     * @param maxPendingHandshakes positive, and at most {@code maxSessions} (checked by {@link
     *     #build()})
     * @return this builder
     */
    public Builder maxPendingHandshakes(int maxPendingHandshakes) {
      if (maxPendingHandshakes <= 0) {
        throw new IllegalArgumentException(
            "maxPendingHandshakes must be positive, was " + maxPendingHandshakes);
      }
      this.maxPendingHandshakes = maxPendingHandshakes;
      return this;
    }

    /**
     * Sets how long a session may stay pending its handshake.
     *
     * @param handshakeTimeout positive
     * @return this builder
     */
    public Builder handshakeTimeout(Duration handshakeTimeout) {
      requireNonNull(handshakeTimeout, "handshakeTimeout");
      if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
        throw new IllegalArgumentException(
            "handshakeTimeout must be positive, was " + handshakeTimeout);
      }
      this.handshakeTimeout = handshakeTimeout;
      return this;
    }

    /**
     * Sets the per-client limits.
     *
     * @param clientLimits the limits; {@link ClientLimits#unlimited()} for none
     * @return this builder
     */
    public Builder clientLimits(ClientLimits clientLimits) {
      this.clientLimits = requireNonNull(clientLimits, "clientLimits");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the options contradict each other
     */
    public SessionPolicy build() {
      int pending =
          maxPendingHandshakes == 0
              ? Math.min(maxSessions, DEFAULT_MAX_PENDING_HANDSHAKES)
              : maxPendingHandshakes;
      return new SessionPolicy(
          idleTimeout,
          maxLifetime,
          maxSessions,
          admissionPolicy,
          touchGranularity,
          pending,
          handshakeTimeout,
          clientLimits);
    }
  }
}
