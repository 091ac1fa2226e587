package dev.mcpkit.api;

import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Creates, finds, expires and closes sessions under a {@link SessionPolicy}.
 *
 * <p>Implementations are thread-safe; {@link #lookup(SessionId)} and {@link #touch(SessionId)} are
 * the per-request hot path and take no lock. Obtain one from {@code
 * dev.mcpkit.session.SessionManagers}.
 *
 * {@snippet :
 * try (SessionManager sessions = SessionManagers.builder()
 *     .policy(SessionPolicy.builder().idleTimeout(Duration.ofMinutes(5)).build())
 *     .build()) {
 *   Session session = sessions.create(SessionInit.of(ProtocolVersion.latest()));
 *   // ... later, on each request:
 *   Session same = sessions.touch(session.id()); // null once expired or closed
 * }
 * }
 */
public interface SessionManager extends AutoCloseable {

  /**
   * Creates a session in state {@link SessionState#INITIALIZING} with a fresh, unguessable id.
   *
   * @param init what is known about the client at initialize
   * @return the new session
   * @throws SessionAdmissionException if the session limit is reached under {@link
   *     SessionPolicy.AdmissionPolicy#REJECT_NEW}, the pool of pending handshakes is full, the
   *     client exceeds its {@link ClientLimits}, or the manager is shutting down (see {@link
   *     SessionAdmissionException.Reason})
   */
  Session create(SessionInit init);

  /**
   * Finds a live session without recording activity.
   *
   * @param id the session's id
   * @return the session, or {@code null} if it is unknown, expired or closed
   */
  @Nullable Session lookup(SessionId id);

  /**
   * Finds a live session and records activity on it: the per-request call. A session past its idle
   * or lifetime deadline is not returned, even if the expiry pass has not closed it yet.
   *
   * @param id the session's id
   * @return the session, or {@code null} if it is unknown, expired or closed
   */
  @Nullable Session touch(SessionId id);

  /**
   * Completes a session's handshake: moves it from {@link SessionState#INITIALIZING} to {@link
   * SessionState#ACTIVE}, out of the bounded pool of pending handshakes (see {@link
   * SessionPolicy#maxPendingHandshakes()}), so that the handshake timeout no longer applies. The
   * MCP engine does this itself on {@code notifications/initialized}; call it only when using the
   * manager without an engine.
   *
   * @param id the session's id
   * @return {@code true} if this call made the transition; {@code false} if the session is unknown
   *     or was not {@code INITIALIZING} (already active, draining or closed)
   */
  boolean activate(SessionId id);

  /**
   * Closes a session.
   *
   * @param id the session's id
   * @param reason why it closes
   * @return {@code true} if this call closed a live session
   */
  boolean close(SessionId id, CloseReason reason);

  /**
   * Tells whether this manager's operations ({@link #create}, {@link #touch}, {@link #close} and
   * the transitions of its sessions) may block the calling thread on I/O, typically because they
   * read or write a {@link dev.mcpkit.api.spi.SessionStore} over the network. Listeners are not
   * counted: they must not block anyway. A manager that answers {@link InvocationType#NON_BLOCKING}
   * may be called from I/O threads. The default says blocking.
   *
   * @return {@link InvocationType#NON_BLOCKING} only if no operation blocks on I/O
   */
  default InvocationType invocationType() {
    return InvocationType.BLOCKING;
  }

  /**
   * Returns the number of live (not closed) sessions. Exact when no session is being created or
   * closed; while some are, concurrently, it may count one such change and not another made at the
   * same moment (a gauge, not a bound to check admission against).
   *
   * @return the count
   */
  int size();

  /**
   * Visits every live session; weakly consistent (sessions created or closed meanwhile may or may
   * not be visited).
   *
   * @param action what to do with each session
   */
  void forEach(Consumer<? super Session> action);

  /**
   * Runs an expiry pass now, closing every session past its idle or lifetime deadline. The manager
   * also runs this periodically by itself unless configured not to; tests with a manual clock call
   * it directly.
   *
   * @return the number of sessions this pass closed
   */
  int cleanUp();

  /**
   * Returns the policy in force.
   *
   * @return the policy
   */
  SessionPolicy policy();

  /**
   * Tells whether {@link #shutdown(Duration)} has begun.
   *
   * @return {@code true} once shutting down
   */
  boolean isShutdown();

  /**
   * Shuts down gracefully: stops admitting sessions, moves every live session to {@link
   * SessionState#DRAINING}, waits until their in-flight requests finish or the deadline passes,
   * then closes every session with {@link CloseReason#SERVER_SHUTDOWN}. Listeners see every
   * transition. Idempotent; a second call waits for nothing more.
   *
   * @param deadline the longest time to wait for in-flight requests
   * @return {@code true} if every in-flight request finished before the deadline
   */
  boolean shutdown(Duration deadline);

  /** Shuts down with a deadline of 30 seconds. */
  @Override
  default void close() {
    shutdown(Duration.ofSeconds(30));
  }
}
