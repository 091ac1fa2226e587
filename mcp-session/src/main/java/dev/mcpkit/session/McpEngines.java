package dev.mcpkit.session;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.session.internal.protocol.ProtocolEngine;

/**
 * Creates {@link McpEngine}s: the MCP protocol on top of a {@link SessionManager}, ready to be handed
 * to a transport.
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
   * Creates an engine serving the protocol revisions 2025-03-26, 2025-06-18 and 2025-11-25 with
   * sessions, keeping SSE events in a new {@link EventStores#inMemory()} store. The engine does not own the manager: closing the manager is the caller's business.
   *
   * @param config the server's definition
   * @param sessions the session manager that {@code initialize} creates sessions in
   * @return the engine; thread-safe
   */
  public static McpEngine create(McpServerConfig config, SessionManager sessions) {
    return create(config, sessions, EventStores.inMemory());
  }

  /**
   * Creates an engine like {@link #create(McpServerConfig, SessionManager)} whose SSE events (for
   * resumption with {@code Last-Event-ID}) are kept in the given store instead of a default
   * {@link EventStores#inMemory()} one. The transport takes the store from the engine.
   *
   * @param config the server's definition
   * @param sessions the session manager that {@code initialize} creates sessions in
   * @param events the store for SSE events; not closed by the engine
   * @return the engine; thread-safe
   */
  public static McpEngine create(McpServerConfig config, SessionManager sessions, EventStore events) {
    requireNonNull(config, "config");
    requireNonNull(sessions, "sessions");
    requireNonNull(events, "events");
    return new ProtocolEngine(config, sessions, events);
  }

  /**
   * Creates an engine like {@link #create(McpServerConfig, SessionManager, EventStore)} whose
   * requests are observed (metrics, traces): the observer sees each request's start and end on the
   * request's thread.
   *
   * @param config the server's definition
   * @param sessions the session manager that {@code initialize} creates sessions in
   * @param events the store for SSE events; not closed by the engine
   * @param observer sees every request; {@link McpServerObserver#NONE} for none
   * @return the engine; thread-safe
   */
  public static McpEngine create(
      McpServerConfig config, SessionManager sessions, EventStore events, McpServerObserver observer) {
    requireNonNull(config, "config");
    requireNonNull(sessions, "sessions");
    requireNonNull(events, "events");
    requireNonNull(observer, "observer");
    return new ProtocolEngine(config, sessions, events, observer);
  }
}
