package dev.mcpkit.api;

/** Why a session reached {@link SessionState#CLOSED}. */
public enum CloseReason {
  /** The client ended the session (HTTP {@code DELETE}). */
  CLIENT_REQUEST,
  /** No activity for longer than {@link SessionPolicy#idleTimeout()}. */
  IDLE_EXPIRED,
  /** The session lived longer than {@link SessionPolicy#maxLifetime()}, active or not. */
  LIFETIME_EXPIRED,
  /**
   * Removed to admit a new session under {@link SessionPolicy.AdmissionPolicy#EVICT_LONGEST_IDLE}.
   */
  EVICTED,
  /** The server shut down. */
  SERVER_SHUTDOWN,
  /** A transport or protocol error made the session unusable. */
  ERROR,
  /**
   * The client did not complete the handshake ({@code notifications/initialized}) within {@link
   * SessionPolicy#handshakeTimeout()}.
   */
  HANDSHAKE_TIMEOUT
}
