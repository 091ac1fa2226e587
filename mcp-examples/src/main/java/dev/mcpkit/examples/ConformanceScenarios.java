package dev.mcpkit.examples;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance suite's client scenarios other than {@code auth/...}, played by {@link
 * ConformanceClient}.
 */
final class ConformanceScenarios {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConformanceScenarios() {}

  /**
   * Plays one scenario against the suite's server.
   *
   * @param scenario the scenario's name
   * @param server the URL of the suite's MCP server
   * @param builder a client builder for that server, with the client's name set
   * @throws RuntimeException when a step fails
   */
  static void play(String scenario, URI server, McpHttpClient.Builder builder) {
    // The session GET stream only where the scenario needs it (its server sends the elicitation
    // there): the sse-retry scenario takes the first GET it sees for the resumption it times, and
    // the session stream's GET may come first, which it reads as a reconnection that ignored retry.
    builder.openEventStream(scenario.startsWith("elicitation"));
    if (scenario.equals("elicitation-sep1034-client-defaults")) {
      builder
          .capability("elicitation", JSON.readTree("{\"form\":{\"applyDefaults\":true}}"))
          .onRequest("elicitation/create", ConformanceScenarios::acceptWithDefaults);
    }
    try (McpClient client = builder.build()) {
      switch (scenario) {
        case "initialize" -> client.listTools();
        case "tools_call" -> {
          client.listTools();
          check(client.callTool("add_numbers", JSON.readTree("{\"a\":2,\"b\":3}")));
        }
        case "sse-retry" -> check(client.callTool("test_reconnection", JSON.readTree("{}")));
        case "elicitation-sep1034-client-defaults" ->
            check(client.callTool("test_client_elicitation_defaults", JSON.readTree("{}")));
        default -> throw new IllegalArgumentException("unsupported scenario: " + scenario);
      }
    }
  }

  private static void check(CallToolResult result) {
    if (result.isError()) {
      throw new IllegalStateException("the tool answered isError: " + result.raw());
    }
    System.err.println("conformance-client: " + result.raw());
  }

  /** Accepts with every default the requested schema names (SEP-1034). */
  private static JsonNode acceptWithDefaults(JsonNode params) {
    ObjectNode answer = JSON.createObjectNode();
    answer.put("action", "accept");
    ObjectNode content = answer.putObject("content");
    for (Map.Entry<String, JsonNode> property :
        params.path("requestedSchema").path("properties").properties()) {
      JsonNode value = property.getValue().get("default");
      if (value != null) {
        content.set(property.getKey(), value);
      }
    }
    return answer;
  }
}
