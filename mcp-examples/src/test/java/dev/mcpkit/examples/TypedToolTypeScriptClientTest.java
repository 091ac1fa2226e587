package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP TypeScript SDK client ({@code interop/ts-client.mjs}) calls HelloServer's typed
 * {@code greet} over HTTP and reads its {@code structuredContent}; the SDK checks that content
 * against the generated {@code outputSchema} it listed, so a schema that did not match would fail
 * the call. The everything server's progress and sampling tools serve the client's other steps.
 * Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class TypedToolTypeScriptClientTest {
  private static SessionManager sessions;
  private static McpHttpServer server;

  @BeforeAll
  static void start() {
    McpServerConfig.Builder config =
        McpServerConfig.builder()
            .serverInfo("typed-interop", "1.0.0")
            .tools(new HelloServer.HelloTools());
    for (Tool tool : EverythingTools.all()) {
      config.tool(tool);
    }
    sessions = SessionManagers.builder().build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config.build(), sessions))
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (sessions != null) {
      sessions.close();
    }
  }

  @Test
  void theSdkClientReadsTheStructuredContentOfATypedTool() throws Exception {
    JsonNode callResult =
        InteropKit.runTsClient(
                "ts-client.mjs",
                server.endpoint(),
                "--plain-tool",
                "greet",
                "--plain-args",
                "{\"name\":\"Ada\"}")
            .path("callResult");
    JsonMapper json = JsonMapper.builder().build();
    assertThat(callResult.path("structuredContent"))
        .isEqualTo(json.readTree("{\"message\":\"Hello, Ada!\"}"));
    assertThat(json.readTree(callResult.path("content").path(0).path("text").asString()))
        .as("the JSON text beside it")
        .isEqualTo(callResult.path("structuredContent"));
  }
}
