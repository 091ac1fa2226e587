package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.time.Duration;

/**
 * Thrown by {@link SessionManager#create(SessionInit)} when a new session is not admitted. A
 * transport answers it with a 503 status ({@link #isClientLimit()} false: the server is busy) or a
 * 429 status (true: this client asked too much), with {@code Retry-After} taken from {@link
 * #retryAfter()}; the message is safe to show to a client.
 */
public final class SessionAdmissionException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /** The retry hint when the refusal names none: one second. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

  /** Why a session was not admitted. */
  public enum Reason {
    /**
     * The manager holds {@link SessionPolicy#maxSessions()} sessions and its policy is to reject.
     */
    LIMIT_REACHED,
    /** The manager is shutting down and admits no new sessions. */
    SHUTTING_DOWN,
    /**
     * {@link SessionPolicy#maxPendingHandshakes()} sessions are waiting for their handshake to
     * complete.
     */
    HANDSHAKE_POOL_FULL,
    /** The client opens sessions faster than {@link ClientLimits#sessionsPerSecond()} allows. */
    CLIENT_RATE,
    /** The client holds {@link ClientLimits#maxSessionsPerClient()} sessions. */
    CLIENT_SESSIONS;

    /**
     * Tells whether this refusal is about one client (HTTP 429) rather than the server (HTTP 503).
     *
     * @return {@code true} for {@link #CLIENT_RATE} and {@link #CLIENT_SESSIONS}
     */
    public boolean isClientLimit() {
      return this == CLIENT_RATE || this == CLIENT_SESSIONS;
    }
  }

  /** Why the session was not admitted. */
  private final Reason reason;

  /** How long the client should wait before it tries again. */
  private final Duration retryAfter;

  /**
   * Creates the exception with the default retry hint of one second.
   *
   * @param reason why the session was not admitted
   * @param message what happened, safe to show to a client
   */
  public SessionAdmissionException(Reason reason, String message) {
    this(reason, message, DEFAULT_RETRY_AFTER);
  }

  /**
   * Creates the exception.
   *
   * @param reason why the session was not admitted
   * @param message what happened, safe to show to a client
   * @param retryAfter how long the client should wait before trying again; not negative
   */
  public SessionAdmissionException(Reason reason, String message, Duration retryAfter) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
    }
  }

  /**
   * Returns why the session was not admitted.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns how long the client should wait before trying again (the {@code Retry-After} answer).
   *
   * @return the hint; not negative
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * Tells whether the refusal is about this client (answered 429) rather than the server (503).
   *
   * @return {@code reason().isClientLimit()}
   */
  public boolean isClientLimit() {
    return reason.isClientLimit();
  }
}
