package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One lifecycle transition of a session, as delivered to a {@link SessionListener}.
 *
 * @param session the session
 * @param from the state before, or {@code null} for the creation event (whose {@code to} is {@link
 *     SessionState#INITIALIZING})
 * @param to the state after
 * @param closeReason why the session closed; present exactly when {@code to} is {@link
 *     SessionState#CLOSED}
 * @param at when the transition happened, by the manager's clock
 */
public record SessionEvent(
    Session session,
    @Nullable SessionState from,
    SessionState to,
    @Nullable CloseReason closeReason,
    Instant at) {

  /** Validates the fields. */
  public SessionEvent {
    requireNonNull(session, "session");
    requireNonNull(to, "to");
    requireNonNull(at, "at");
    if ((to == SessionState.CLOSED) != (closeReason != null)) {
      throw new IllegalArgumentException(
          "closeReason must be present exactly for transitions to CLOSED (to="
              + to
              + ", closeReason="
              + closeReason
              + ")");
    }
    if (from == null && to != SessionState.INITIALIZING) {
      throw new IllegalArgumentException("a creation event must go to INITIALIZING, not " + to);
    }
    if (from != null && !from.canTransitionTo(to)) {
      throw new IllegalArgumentException("illegal session transition " + from + " -> " + to);
    }
  }

  /**
   * Tells whether this is the creation event.
   *
   * @return {@code true} if {@link #from()} is {@code null}
   */
  public boolean isCreation() {
    return from == null;
  }
}
