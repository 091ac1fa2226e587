package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.io.Serial;

/**
 * Thrown by {@link SessionManager#create(SessionInit)} when a new session is not admitted. A
 * transport answers it with a 503-class status; the message is safe to show to a client.
 */
public final class SessionAdmissionException extends McpException {
  @Serial private static final long serialVersionUID = 1L;

  /** Why a session was not admitted. */
  public enum Reason {
    /**
     * The manager holds {@link SessionPolicy#maxSessions()} sessions and its policy is to reject.
     */
    LIMIT_REACHED,
    /** The manager is shutting down and admits no new sessions. */
    SHUTTING_DOWN
  }

  /** Why the session was not admitted. */
  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the session was not admitted
   * @param message what happened, safe to show to a client
   */
  public SessionAdmissionException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  /**
   * Returns why the session was not admitted.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
