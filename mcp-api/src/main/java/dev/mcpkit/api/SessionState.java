package dev.mcpkit.api;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lifecycle of a session: a closed state machine.
 *
 * <pre>
 *   INITIALIZING -&gt; ACTIVE | DRAINING | CLOSED
 *   ACTIVE       -&gt; DRAINING | CLOSED
 *   DRAINING     -&gt; CLOSED
 *   CLOSED          (terminal)
 * </pre>
 *
 * <ul>
 *   <li>{@link #INITIALIZING}: the {@code initialize} request was answered; the client has not yet
 *       sent {@code notifications/initialized}.
 *   <li>{@link #ACTIVE}: the handshake is complete.
 *   <li>{@link #DRAINING}: the server is shutting down gracefully; requests in flight finish, new
 *       ones are refused.
 *   <li>{@link #CLOSED}: terminal; carries a {@link CloseReason}.
 * </ul>
 *
 * <p>The legal transitions are data ({@link #successors()}), computed once from one exhaustive
 * {@code switch}, so adding a state does not compile until its transitions are decided.
 */
public enum SessionState {
  /** Initialize answered, {@code notifications/initialized} not yet seen. */
  INITIALIZING,
  /** Handshake complete; serving requests. */
  ACTIVE,
  /** Finishing in-flight work before closing; refuses new requests. */
  DRAINING,
  /** Terminal. */
  CLOSED;

  private static final Map<SessionState, Set<SessionState>> SUCCESSORS = successorTable();

  private static Map<SessionState, Set<SessionState>> successorTable() {
    Map<SessionState, Set<SessionState>> table = new EnumMap<>(SessionState.class);
    for (SessionState state : values()) {
      Set<SessionState> next =
          switch (state) {
            case INITIALIZING -> EnumSet.of(ACTIVE, DRAINING, CLOSED);
            case ACTIVE -> EnumSet.of(DRAINING, CLOSED);
            case DRAINING -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(SessionState.class);
          };
      table.put(state, Collections.unmodifiableSet(next));
    }
    return Collections.unmodifiableMap(table);
  }

  /**
   * Returns the states this state may move to.
   *
   * @return an unmodifiable set, empty for {@link #CLOSED}
   */
  public Set<SessionState> successors() {
    // The table maps every state (successorTable's switch is exhaustive).
    return Objects.requireNonNull(SUCCESSORS.get(this));
  }

  /**
   * Tells whether moving from this state to {@code next} is legal.
   *
   * @param next the target state
   * @return {@code true} if the transition is legal
   */
  public boolean canTransitionTo(SessionState next) {
    return successors().contains(next);
  }

  /**
   * Checks a transition.
   *
   * @param next the target state
   * @throws IllegalStateException naming both states if the transition is illegal
   */
  public void requireTransitionTo(SessionState next) {
    if (!canTransitionTo(next)) {
      throw new IllegalStateException("illegal session transition " + this + " -> " + next);
    }
  }

  /**
   * Tells whether this state is terminal.
   *
   * @return {@code true} only for {@link #CLOSED}
   */
  public boolean isTerminal() {
    return this == CLOSED;
  }

  /**
   * Tells whether a session in this state accepts new requests.
   *
   * @return {@code true} for {@link #INITIALIZING} and {@link #ACTIVE}
   */
  public boolean acceptsRequests() {
    return this == INITIALIZING || this == ACTIVE;
  }
}
