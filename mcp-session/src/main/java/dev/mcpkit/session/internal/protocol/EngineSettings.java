package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.session.EventStores;
import dev.mcpkit.session.internal.DefaultSessionManager;
import dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine;
import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link ProtocolEngine} is built from, validated once: {@code
 * dev.mcpkit.session.McpEngines.Builder} fills it in, the engine's one constructor takes it.
 * Immutable (the key is copied in and out).
 *
 * @param config the server's definition
 * @param sessions the sessions {@code initialize} creates; built by {@code SessionManagers}, whose
 *     sessions carry the engine's bookkeeping
 * @param events the store for SSE events, handed to the transport; not closed by the engine
 * @param observer sees every request's start and end; {@link McpServerObserver#NONE} for none
 * @param requestStateKey the HMAC-SHA256 key of {@code requestState} (32+ bytes), or {@code null}
 *     for 256 random bits per engine
 * @param requestStateLifetime how long a minted {@code requestState} stays valid; positive
 * @param requestStateHandles keeps the answers of multi round-trip requests as single-use handles
 *     in this manager, or {@code null} to carry them in the signed state
 * @param toolFailureMessages what a client is told when a tool throws
 */
public record EngineSettings(
    McpServerConfig config,
    SessionManager sessions,
    EventStore events,
    McpServerObserver observer,
    byte @Nullable [] requestStateKey,
    Duration requestStateLifetime,
    @Nullable SessionManager requestStateHandles,
    ToolFailureMessages toolFailureMessages) {

  /** How long the {@code requestState} of a multi round-trip request stays valid, by default. */
  public static final Duration DEFAULT_REQUEST_STATE_LIFETIME = Duration.ofMinutes(10);

  /** The shortest {@code requestState} key accepted: 256 bits, the size of an HMAC-SHA256. */
  private static final int MIN_KEY_BYTES = 32;

  /** Validates every setting, naming the offending one, and copies the key. */
  public EngineSettings {
    requireNonNull(config, "config");
    checkSessions(sessions);
    requireNonNull(events, "events");
    requireNonNull(observer, "observer");
    if (requestStateKey != null) {
      requestStateKey = checkRequestStateKey(requestStateKey).clone();
    }
    checkRequestStateLifetime(requestStateLifetime);
    requireNonNull(toolFailureMessages, "toolFailureMessages");
  }

  /**
   * The defaults: a new in-memory event store, no observer, a random key, a lifetime of {@link
   * #DEFAULT_REQUEST_STATE_LIFETIME} and the answers carried in the state.
   *
   * @param config the server's definition
   * @param sessions the sessions {@code initialize} creates
   * @return the settings
   */
  public static EngineSettings defaults(McpServerConfig config, SessionManager sessions) {
    return new EngineSettings(
        config,
        sessions,
        EventStores.inMemory(),
        McpServerObserver.NONE,
        null,
        DEFAULT_REQUEST_STATE_LIFETIME,
        null,
        ToolFailureMessages.EXCEPTION_MESSAGE);
  }

  /** Returns a copy of the key: the record's array must not be changed through its accessor. */
  @Override
  public byte @Nullable [] requestStateKey() {
    return requestStateKey == null ? null : requestStateKey.clone();
  }

  /**
   * Checks that a session manager was built by {@code SessionManagers}: the engine keeps its
   * bookkeeping ({@code EngineSession}) on the sessions that manager makes.
   *
   * @param sessions the manager
   * @return the manager
   * @throws IllegalArgumentException if another implementation
   */
  public static SessionManager checkSessions(SessionManager sessions) {
    requireNonNull(sessions, "sessions");
    if (!(sessions instanceof DefaultSessionManager)) {
      throw new IllegalArgumentException(
          "sessions must be built by dev.mcpkit.session.SessionManagers; got "
              + sessions.getClass().getName());
    }
    return sessions;
  }

  /**
   * Checks a {@code requestState} key's length.
   *
   * @param key the key
   * @return the key, not copied
   * @throws IllegalArgumentException if shorter than 32 bytes
   */
  public static byte[] checkRequestStateKey(byte[] key) {
    requireNonNull(key, "requestStateKey");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "requestStateKey needs at least " + MIN_KEY_BYTES + " bytes, got " + key.length);
    }
    return key;
  }

  /**
   * Checks that a {@code requestState} lifetime is positive.
   *
   * @param lifetime the lifetime
   * @return the lifetime
   * @throws IllegalArgumentException if zero or negative
   */
  public static Duration checkRequestStateLifetime(Duration lifetime) {
    requireNonNull(lifetime, "requestStateLifetime");
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new IllegalArgumentException("requestStateLifetime must be positive, was " + lifetime);
    }
    return lifetime;
  }

  // A record compares arrays by identity; settings are compared by content.
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EngineSettings that
        && config.equals(that.config)
        && sessions.equals(that.sessions)
        && events.equals(that.events)
        && observer.equals(that.observer)
        && Arrays.equals(requestStateKey, that.requestStateKey)
        && requestStateLifetime.equals(that.requestStateLifetime)
        && java.util.Objects.equals(requestStateHandles, that.requestStateHandles)
        && toolFailureMessages == that.toolFailureMessages;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        config,
        sessions,
        events,
        observer,
        Arrays.hashCode(requestStateKey),
        requestStateLifetime,
        requestStateHandles,
        toolFailureMessages);
  }

  @Override
  public String toString() {
    // Never print the key.
    return "EngineSettings[server="
        + config.serverInfo().name()
        + ", events="
        + events
        + ", observer="
        + observer
        + ", requestStateKey="
        + (requestStateKey == null ? "random" : "set")
        + ", requestStateLifetime="
        + requestStateLifetime
        + ", requestStateHandles="
        + (requestStateHandles == null ? "none" : "set")
        + ", toolFailureMessages="
        + toolFailureMessages
        + "]";
  }
}
