package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits that a {@link SessionManager} enforces: idle timeout, absolute lifetime, maximum session
 * count and what happens when it is reached, and how often activity is recorded.
 *
 * {@snippet :
 * SessionPolicy policy = SessionPolicy.builder()
 *     .idleTimeout(Duration.ofMinutes(10))
 *     .maxSessions(50_000)
 *     .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
 *     .build();
 * }
 *
 * @param idleTimeout a session with no activity for this long is closed with {@link
 *     CloseReason#IDLE_EXPIRED}; positive
 * @param maxLifetime a session older than this is closed with {@link CloseReason#LIFETIME_EXPIRED},
 *     however active; positive
 * @param maxSessions the most live sessions at once; positive
 * @param admissionPolicy what {@link SessionManager#create(SessionInit)} does at {@code
 *     maxSessions}
 * @param touchGranularity activity closer than this to the last recorded one is not recorded again
 *     (saves memory traffic on the hot path); zero or positive, and shorter than {@code
 *     idleTimeout}
 */
public record SessionPolicy(
    Duration idleTimeout,
    Duration maxLifetime,
    int maxSessions,
    AdmissionPolicy admissionPolicy,
    Duration touchGranularity) {

  /** Default idle timeout: 30 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Default absolute lifetime: 24 hours. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  /** Default maximum number of live sessions: 10,000. */
  public static final int DEFAULT_MAX_SESSIONS = 10_000;

  /** Default touch granularity: one second. */
  public static final Duration DEFAULT_TOUCH_GRANULARITY = Duration.ofSeconds(1);

  /** What to do when a new session would exceed {@link #maxSessions()}. */
  public enum AdmissionPolicy {
    /** Refuse the new session with {@link SessionAdmissionException} (a 503-class answer). */
    REJECT_NEW,
    /** Close the longest-idle session with {@link CloseReason#EVICTED} and admit the new one. */
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
  }

  /**
   * Returns the defaults: 30 minutes idle, 24 hours lifetime, 10,000 sessions, reject new, 1 second
   * granularity.
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
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the options contradict each other
     */
    public SessionPolicy build() {
      return new SessionPolicy(
          idleTimeout, maxLifetime, maxSessions, admissionPolicy, touchGranularity);
    }
  }
}
