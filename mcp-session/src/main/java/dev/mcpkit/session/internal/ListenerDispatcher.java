package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the configured listeners in order, isolating them from each other: a listener that throws
 * is logged at warn and the others still run.
 *
 * <p>Thread-safe (the listener list is immutable). Ordering per session is not this class's job:
 * the session serializes its own events (see {@link ManagedSession}).
 */
final class ListenerDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

  private final List<SessionListener> listeners;

  ListenerDispatcher(List<SessionListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Whether any listener is configured; when none is, sessions make no events at all. */
  boolean any() {
    return !listeners.isEmpty();
  }

  void publish(SessionEvent event) {
    for (SessionListener listener : listeners) {
      try {
        listener.onSessionEvent(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "session listener {} failed on {} -> {} of session {}",
            listener,
            event.from(),
            event.to(),
            event.session().id(),
            e);
      }
    }
  }

  void admissionRejected(SessionAdmissionException.Reason reason) {
    for (SessionListener listener : listeners) {
      try {
        listener.onAdmissionRejected(reason);
      } catch (RuntimeException e) {
        LOG.warn("session listener {} failed on admission rejection {}", listener, reason, e);
      }
    }
  }
}
