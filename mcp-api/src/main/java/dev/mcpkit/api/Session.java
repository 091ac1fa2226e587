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
 * <p>This is what a server author sees (through {@code ToolContext.session()}, say): the session
 * can be read, given attributes and closed. The engine's own bookkeeping (completing the handshake,
 * counting the requests in flight that draining waits for) is not part of it.
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
   * Closes the session. Closing is idempotent: only the first call wins and notifies listeners.
   *
   * @param reason why the session closes
   * @return {@code true} if this call closed the session
   */
  boolean close(CloseReason reason);
}
