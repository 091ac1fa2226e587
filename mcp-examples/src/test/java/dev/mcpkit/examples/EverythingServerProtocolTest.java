package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code EverythingServer --protocol sessions|stateless}: a request of the generation not served is
 * refused with 400 and {@code UnsupportedProtocolVersion} ({@code -32022}) listing only what is
 * served, {@code server/discover} lists the same, and a dual-era client ({@link McpHttpClient} at
 * 2026-07-28, which falls back to {@code initialize}) lands on the generation served.
 */
class EverythingServerProtocolTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String INITIALIZE =
      """
      {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",\
      "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
  private static final String DISCOVER =
      """
      {"jsonrpc":"2.0","id":2,"method":"server/discover","params":{"_meta":{\
      "io.modelcontextprotocol/protocolVersion":"2026-07-28",\
      "io.modelcontextprotocol/clientCapabilities":{}}}}""";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void parsesTheProtocolOption() {
    assertThat(ServerOptions.parse().generations())
        .containsExactlyInAnyOrder(McpEngines.Generation.SESSIONS, McpEngines.Generation.STATELESS);
    assertThat(ServerOptions.parse("--protocol", "stateless").generations())
        .containsExactly(McpEngines.Generation.STATELESS);
    assertThat(ServerOptions.parse("--protocol=sessions").generations())
        .containsExactly(McpEngines.Generation.SESSIONS);
    assertThatThrownBy(() -> ServerOptions.parse("--protocol", "2025"))
        .hasMessageContaining("--protocol must be sessions, stateless or both");
  }

  @Test
  void statelessOnlyRefusesInitializeAndServesTheModernClient() throws Exception {
    try (EverythingServer server =
        EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS))) {
      HttpResponse<String> refused = post(server, INITIALIZE, "2025-11-25", "initialize");
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Mcp-Session-Id")).isEmpty();
      JsonNode error = JSON.readTree(refused.body()).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(-32022);
      assertThat(error.path("data").path("supported").toString()).isEqualTo("[\"2026-07-28\"]");
      assertThat(error.path("data").path("requested").asString()).isEqualTo("2025-11-25");
      assertThat(JSON.readTree(refused.body()).path("id").asInt()).isEqualTo(1);

      HttpResponse<String> discover = post(server, DISCOVER, "2026-07-28", "server/discover");
      assertThat(discover.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(discover.body()).path("result").path("supportedVersions").toString())
          .isEqualTo("[\"2026-07-28\"]");

      try (McpClient client =
          McpHttpClient.builder(server.endpoint())
              .protocolVersion(ProtocolVersion.V2026_07_28)
              .build()) {
        assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2026_07_28);
        assertThat(
                client
                    .callTool("test_simple_text", JSON.readTree("{}"))
                    .content()
                    .getFirst()
                    .path("text")
                    .asString())
            .isEqualTo("This is a simple text response for testing.");
      }
      try (McpClient legacy = McpHttpClient.builder(server.endpoint()).build()) {
        assertThatThrownBy(legacy::initialize).hasMessageContaining("Unsupported protocol version");
      }
    }
  }

  @Test
  void sessionsOnlyRefusesModernRequestsAndTheDualEraClientFallsBack() throws Exception {
    try (EverythingServer server =
        EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.SESSIONS))) {
      HttpResponse<String> refused = post(server, DISCOVER, "2026-07-28", "server/discover");
      assertThat(refused.statusCode()).isEqualTo(400);
      JsonNode error = JSON.readTree(refused.body()).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(-32022);
      assertThat(error.path("data").path("supported").toString())
          .isEqualTo("[\"2025-11-25\",\"2025-06-18\",\"2025-03-26\"]");

      try (McpClient client =
          McpHttpClient.builder(server.endpoint())
              .protocolVersion(ProtocolVersion.V2026_07_28)
              .build()) {
        assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
        assertThat(client.sessionId()).isPresent();
      }
    }
  }

  private HttpResponse<String> post(
      EverythingServer server, String body, String version, String method) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.endpoint())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("MCP-Protocol-Version", version)
            .header("Mcp-Method", method)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
