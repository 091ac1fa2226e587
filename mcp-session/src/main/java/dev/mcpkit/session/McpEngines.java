package dev.mcpkit.session;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import dev.mcpkit.session.internal.protocol.ServedGenerations;
import dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine;

/**
 * Creates {@link McpEngine}s: the MCP protocol on top of a {@link SessionManager}, ready to be
 * handed to a transport.
 *
 * {@snippet :
 * SessionManager sessions = SessionManagers.builder().build();
 * McpEngine engine = McpEngines.create(config, sessions);
 * McpHttpServer server = McpHttpServer.builder().engine(engine).port(8080).build();
 * }
 */
public final class McpEngines {
  private McpEngines() {}

  /**
   * Creates an engine with the defaults: the protocol revisions 2025-03-26, 2025-06-18 and
   * 2025-11-25 with sessions, and 2026-07-28 without; SSE events kept in a new {@link
   * EventStores#inMemory()} store; no observer. The same as {@code builder(config,
   * sessions).build()}. The engine does not own the manager: closing the manager is the caller's
   * business.
   *
   * @param config the server's definition
   * @param sessions the session manager that {@code initialize} creates sessions in; built by
   *     {@link SessionManagers}
   * @return the engine; thread-safe
   * @throws IllegalArgumentException if {@code sessions} was not built by {@link SessionManagers}
   */
  public static McpEngine create(McpServerConfig config, SessionManager sessions) {
    return builder(config, sessions).build();
  }

  /**
   * Starts an engine with more than the defaults: the SSE event store, the observer, and the key
   * and lifetime of the signed {@code requestState} of multi round-trip requests (revision
   * 2026-07-28).
   *
   * {@snippet :
   * McpEngine engine = McpEngines.builder(config, sessions)
   *     .events(eventStore)                       // SSE events for resumption (Last-Event-ID)
   *     .observer(metrics.serverObserver())       // every request's start and end
   *     .requestStateKey(sharedSecret)            // the same 32+ bytes on every node of a cluster
   *     .requestStateLifetime(Duration.ofMinutes(5))
   *     .build();
   * }
   *
   * @param config the server's definition
   * @param sessions the session manager that {@code initialize} creates sessions in; built by
   *     {@link SessionManagers}
   * @return a builder
   * @throws IllegalArgumentException if {@code sessions} was not built by {@link SessionManagers}
   */
  public static Builder builder(McpServerConfig config, SessionManager sessions) {
    return new Builder(requireNonNull(config, "config"), EngineSettings.checkSessions(sessions));
  }

  /**
   * A generation of the MCP protocol an engine may serve ({@link Builder#generations}): the
   * session-based revisions 2025-03-26, 2025-06-18 and 2025-11-25, or the sessionless revision
   * 2026-07-28.
   */
  public enum Generation {
    /** 2025-03-26 to 2025-11-25: {@code initialize}, then requests in a session. */
    SESSIONS,
    /** 2026-07-28: self-describing requests, {@code server/discover}, no session. */
    STATELESS
  }

  /** Builds an engine; not thread-safe, validates each option when it is set. */
  public static final class Builder {
    private final McpServerConfig config;
    private final SessionManager sessions;
    private EventStore events = EventStores.inMemory();
    private McpServerObserver observer = McpServerObserver.NONE;
    private byte @org.jspecify.annotations.Nullable [] requestStateKey;
    private java.time.Duration requestStateLifetime = EngineSettings.DEFAULT_REQUEST_STATE_LIFETIME;
    private @org.jspecify.annotations.Nullable SessionManager requestStateHandles;
    private dev.mcpkit.api.server.@org.jspecify.annotations.Nullable DynamicMethods dynamicMethods;
    private ToolFailureMessages toolFailureMessages = ToolFailureMessages.EXCEPTION_MESSAGE;
    private dev.mcpkit.api.spi.@org.jspecify.annotations.Nullable TaskStore tasks;
    private ServedGenerations served = ServedGenerations.BOTH;

    private Builder(McpServerConfig config, SessionManager sessions) {
      this.config = config;
      this.sessions = sessions;
    }

    /**
     * Keeps SSE events for resumption in this store (default: a new in-memory one).
     *
     * @param events the store; not closed by the engine
     * @return this builder
     */
    public Builder events(EventStore events) {
      this.events = requireNonNull(events, "events");
      return this;
    }

    /**
     * Reports every request's start and end to this observer (default: none).
     *
     * @param observer the observer
     * @return this builder
     */
    public Builder observer(McpServerObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Signs the {@code requestState} of multi round-trip requests with this HMAC-SHA256 key. The
     * default is 256 random bits per engine, so state survives neither a restart nor a retry that
     * lands on another node; give every node of a cluster the same secret.
     *
     * @param key at least 32 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public Builder requestStateKey(byte[] key) {
      this.requestStateKey = EngineSettings.checkRequestStateKey(key).clone();
      return this;
    }

    /**
     * How long a minted {@code requestState} stays valid (default 10 minutes): the time a user has
     * to answer an elicitation before the retry is refused.
     *
     * @param lifetime positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder requestStateLifetime(java.time.Duration lifetime) {
      this.requestStateLifetime = EngineSettings.checkRequestStateLifetime(lifetime);
      return this;
    }

    /**
     * Keeps the answers of multi round-trip requests on the server, as single-use handles in this
     * session manager (a separate one: handles are not client sessions), instead of in the signed
     * {@code requestState}: the state shrinks to a signed handle name, and each state is accepted
     * at most once. The manager's idle timeout bounds how long a handle waits for its retry, and a
     * shared {@code SessionStore} lets another node serve the retry. A retry whose connection broke
     * after it consumed the handle must start the request over.
     *
     * @param handles the manager of the handles; not closed by the engine
     * @return this builder
     */
    public Builder requestStateHandles(SessionManager handles) {
      this.requestStateHandles = requireNonNull(handles, "handles");
      return this;
    }

    /**
     * Serves the catalogue methods ({@link dev.mcpkit.api.server.DynamicMethods#METHODS}) of
     * session-based requests at run time, per session, instead of from the configuration, whose
     * {@code serverInfo} and {@code instructions} still answer {@code initialize}: what a gateway
     * in front of other servers needs (default: none).
     *
     * @param methods the dynamic catalogue
     * @return this builder
     */
    public Builder dynamicMethods(dev.mcpkit.api.server.DynamicMethods methods) {
      this.dynamicMethods = requireNonNull(methods, "methods");
      return this;
    }

    /**
     * Chooses what a client is told when a tool throws an exception other than {@link
     * IllegalArgumentException} (default {@link ToolFailureMessages#EXCEPTION_MESSAGE}, its
     * message). The server logs such a failure at {@code WARN} with its stack trace either way.
     *
     * {@snippet :
     * McpEngine engine = McpEngines.builder(config, sessions)
     *     .toolFailureMessages(ToolFailureMessages.GENERIC) // "tool 'NAME' failed"; details in the log
     *     .build();
     * }
     *
     * @param messages the policy
     * @return this builder
     */
    public Builder toolFailureMessages(ToolFailureMessages messages) {
      this.toolFailureMessages = requireNonNull(messages, "messages");
      return this;
    }

    /**
     * Keeps the tasks of tool calls made as tasks (revision 2026-07-28, extension {@code
     * io.modelcontextprotocol/tasks}) in this store (default: a new {@link TaskStores#inMemory()}).
     * Give every node of a cluster the same shared store so that a task started on one node can be
     * polled, answered and cancelled on another.
     *
     * @param store the store; not closed by the engine
     * @return this builder
     */
    public Builder tasks(dev.mcpkit.api.spi.TaskStore store) {
      this.tasks = requireNonNull(store, "store");
      return this;
    }

    /**
     * Serves only these protocol generations (default: both). A request of another generation is
     * refused with HTTP 400 and {@code UnsupportedProtocolVersion} ({@code -32022}) whose {@code
     * data.supported} lists the versions served, newest first; {@code server/discover} lists the
     * same. With only {@link Generation#STATELESS}, {@code initialize} is refused that way too (a
     * dual-era client then retries with 2026-07-28); with only {@link Generation#SESSIONS}, a
     * 2026-07-28 request is (a dual-era client then falls back to {@code initialize}).
     *
     * {@snippet :
     * McpEngine statelessOnly = McpEngines.builder(config, sessions)
     *     .generations(McpEngines.Generation.STATELESS)
     *     .build();
     * }
     *
     * @param generations at least one
     * @return this builder
     * @throws IllegalArgumentException if none is given
     */
    public Builder generations(Generation... generations) {
      java.util.Set<Generation> set = java.util.EnumSet.noneOf(Generation.class);
      for (Generation generation : requireNonNull(generations, "generations")) {
        set.add(requireNonNull(generation, "generation"));
      }
      if (set.isEmpty()) {
        throw new IllegalArgumentException("generations: at least one is needed");
      }
      this.served =
          new ServedGenerations(
              set.contains(Generation.SESSIONS), set.contains(Generation.STATELESS));
      return this;
    }

    /**
     * Builds the engine.
     *
     * @return the engine; thread-safe
     */
    public McpEngine build() {
      return new ProtocolEngine(
          new EngineSettings(
              config,
              sessions,
              events,
              observer,
              requestStateKey,
              requestStateLifetime,
              requestStateHandles,
              toolFailureMessages),
          dynamicMethods,
          tasks == null ? TaskStores.inMemory() : tasks,
          served);
    }
  }
}
