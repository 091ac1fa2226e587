package dev.mcpkit.api.spi;

import dev.mcpkit.api.SessionAdmissionException;

/**
 * Observes session lifecycles: metrics, audit logs, cleanup of per-session resources.
 *
 * <p>For each session, a listener sees the creation event first and then every transition exactly
 * once, in the order they happened, the last being the transition to {@code CLOSED}. Calls for one
 * session never overlap; calls for different sessions may run concurrently on different threads, so
 * implementations must be thread-safe. Listeners run on the thread that made the transition (a
 * request thread or the expiry thread): keep them short and non-blocking. An exception thrown by a
 * listener is logged and does not affect the session or other listeners.
 */
public interface SessionListener {

  /**
   * Called once per lifecycle transition (and once at creation).
   *
   * @param event the transition
   */
  void onSessionEvent(SessionEvent event);

  /**
   * Called when a session was refused at admission. Does nothing by default.
   *
   * @param reason why it was refused
   */
  default void onAdmissionRejected(SessionAdmissionException.Reason reason) {}
}
