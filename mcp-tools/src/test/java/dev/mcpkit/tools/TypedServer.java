package dev.mcpkit.tools;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real engine and Jetty server on loopback with a real, initialized client, for one test. */
final class TypedServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final SessionManager sessions;
  private final McpHttpServer server;
  private final McpClient client;

  TypedServer(McpServerConfig config) {
    sessions = SessionManagers.builder().build();
    server = McpHttpServer.builder().engine(McpEngines.create(config, sessions)).port(0).build();
    server.start();
    client = McpHttpClient.builder(server.endpoint()).openEventStream(false).build();
    client.initialize();
  }

  URI endpoint() {
    return server.endpoint();
  }

  McpClient client() {
    return client;
  }

  JsonNode request(String method, @Nullable String params) {
    return client.request(
        method, params == null ? null : JSON.readTree(params), RequestOptions.defaults());
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Override
  public void close() {
    client.close();
    server.close();
    sessions.close();
  }
}
