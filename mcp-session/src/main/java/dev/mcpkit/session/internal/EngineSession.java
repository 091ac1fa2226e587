package dev.mcpkit.session.internal;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionState;

/**
 * A session as the engine holds it: the user's {@link Session} plus the bookkeeping that only the
 * protocol engine may touch (the handshake's completion, the in-flight request count that graceful
 * shutdown waits for). Users never see this type: the API hands out {@link Session}, and a stray
 * {@link #exit()} in a handler cannot corrupt the count draining relies on.
 *
 * <p>Every session made by this module's session manager implements it; {@link #of(Session)} is how
 * the engine gets the view back from a session the manager handed out. Thread-safe, like the
 * session itself.
 */
public interface EngineSession extends Session {

  /**
   * Returns the engine view of a session made by this module's session manager.
   *
   * @param session the session
   * @return the same object, as an engine session
   * @throws IllegalArgumentException if {@code session} was not made by this module
   */
  static EngineSession of(Session session) {
    if (session instanceof EngineSession engineSession) {
      return engineSession;
    }
    throw new IllegalArgumentException(
        "session was not made by dev.mcpkit.session's session manager: "
            + session.getClass().getName());
  }

  /**
   * Completes the handshake: moves {@link SessionState#INITIALIZING} to {@link
   * SessionState#ACTIVE}.
   *
   * @return {@code true} if this call made the transition; {@code false} if the session was not
   *     {@code INITIALIZING} (already active, draining or closed)
   */
  boolean activate();

  /**
   * Registers the start of a request on this session, so that graceful shutdown can wait for it.
   * Every successful call must be paired with one {@link #exit()}, typically in a {@code finally}.
   *
   * @return {@code true} if the request may proceed; {@code false} if the session no longer accepts
   *     requests (draining or closed), in which case {@link #exit()} must not be called
   */
  boolean tryEnter();

  /** Registers the end of a request started with a successful {@link #tryEnter()}. */
  void exit();

  /**
   * Returns the number of requests entered and not yet exited.
   *
   * @return the in-flight request count
   */
  int inFlight();
}
