package dev.mcpkit.api;

import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One MCP session: its identity, lifecycle state, metadata and attributes.
 *
 * <p>Sessions are created by a {@link SessionManager}. Every transition goes through the state
 * machine of {@link SessionState}: it is atomic, illegal transitions do not happen, and each {@link
 * dev.mcpkit.api.spi.SessionListener} sees each transition exactly once, in order.
 *
 * <p>Implementations are thread-safe. {@link #touch()} is lock-free and allocation-free, since it
 * runs on every request.
 */
public interface Session {

  /**
   * Returns the session's id.
   *
   * @return the id
   */
  SessionId id();

  /**
   * Returns the current state. The value may be stale as soon as it is returned.
   *
   * @return the state
   */
  SessionState state();

  /**
   * Returns why the session closed.
   *
   * @return the reason, or empty while the session is not {@link SessionState#CLOSED}
   */
  Optional<CloseReason> closeReason();

  /**
   * Returns when the session was created.
   *
   * @return the creation time
   */
  Instant createdAt();

  /**
   * Returns the last recorded activity, accurate to the manager's touch granularity.
   *
   * @return the last activity time
   */
  Instant lastActivity();

  /**
   * Returns the protocol version negotiated at initialize.
   *
   * @return the version
   */
  ProtocolVersion protocolVersion();

  /**
   * Returns the client's self-description.
   *
   * @return the client info, or empty if the client sent none
   */
  Optional<ClientInfo> clientInfo();

  /**
   * Returns the capabilities the client declared at initialize.
   *
   * @return a JSON object, possibly empty; callers must not modify it
   */
  JsonNode clientCapabilities();

  /**
   * Returns the principal the session is bound to. A request authenticated as another principal
   * must treat this session as unknown.
   *
   * @return the principal, or empty for an unauthenticated session
   */
  Optional<Principal> principal();

  /**
   * Returns an attribute.
   *
   * @param key the attribute's key
   * @param <T> the value's type
   * @return the value, or empty if none is set
   */
  <T> Optional<T> attribute(AttributeKey<T> key);

  /**
   * Sets an attribute.
   *
   * @param key the attribute's key
   * @param value the value
   * @param <T> the value's type
   * @return the previous value, or {@code null}
   */
  <T> @Nullable T putAttribute(AttributeKey<T> key, T value);

  /**
   * Removes an attribute.
   *
   * @param key the attribute's key
   * @param <T> the value's type
   * @return the removed value, or {@code null}
   */
  <T> @Nullable T removeAttribute(AttributeKey<T> key);

  /**
   * Records activity now, postponing idle expiry. Lock-free and allocation-free; a touch within the
   * touch granularity of the previous one may be skipped.
   */
  void touch();

  /**
   * Completes the handshake: moves {@link SessionState#INITIALIZING} to {@link
   * SessionState#ACTIVE}.
   *
   * @return {@code true} if this call made the transition; {@code false} if the session was not
   *     {@code INITIALIZING} (already active, draining or closed)
   */
  boolean activate();

  /**
   * Closes the session. Closing is idempotent: only the first call wins and notifies listeners.
   *
   * @param reason why the session closes
   * @return {@code true} if this call closed the session
   */
  boolean close(CloseReason reason);

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
