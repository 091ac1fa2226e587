package dev.mcpkit.api.server;

/**
 * A running MCP server definition: what {@code dev.mcpkit.session.McpEngines} builds from an {@link
 * McpServerConfig} and a transport serves ({@code
 * dev.mcpkit.transport.jetty.McpHttpServer.builder(engine)}). A server author holds it to publish
 * {@linkplain #notifications() notifications}; everything a transport needs from it (parsing,
 * serving a POST or DELETE, the GET stream) is on {@link
 * dev.mcpkit.api.spi.transport.TransportEngine}, which every engine implements and only transports
 * use.
 *
 * <p>Implementations are thread-safe.
 *
 * {@snippet :
 * McpEngine engine = McpEngines.create(config, sessions);
 * try (McpHttpServer server = McpHttpServer.builder(engine).port(8080).build().start()) {
 *   engine.notifications().toolsListChanged();
 * }
 * }
 */
public interface McpEngine {

  /**
   * Returns the publisher of server-initiated notifications: resource updates and list changes.
   *
   * @return the publisher; thread-safe
   */
  ServerNotifications notifications();
}
