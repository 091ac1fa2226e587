package dev.mcpkit.transport.jetty;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import java.net.URI;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client program the conformance suite drives ({@code conformance client --command ...}): the
 * server URL is the last argument, the scenario is in {@code MCP_CONFORMANCE_SCENARIO}. Exit 0 when
 * the scenario's steps succeed, 1 otherwise.
 */
public final class ConformanceClientMain {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConformanceClientMain() {}

  public static void main(String[] args) {
    String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
    URI url = URI.create(args[args.length - 1]);
    // The session GET stream only where the scenario needs it (its server sends the elicitation
    // there):
    // the sse-retry scenario takes the first GET it sees for the resumption it times, and the
    // session
    // stream's GET may come first, which it reads as a reconnection that ignored retry.
    McpHttpClient.Builder builder =
        McpHttpClient.builder(url)
            .clientInfo("mcpkit-conformance-client", "1.0")
            .openEventStream(scenario.startsWith("elicitation"));
    if (scenario.equals("elicitation-sep1034-client-defaults")) {
      builder
          .capability("elicitation", JSON.readTree("{\"form\":{\"applyDefaults\":true}}"))
          .onRequest("elicitation/create", ConformanceClientMain::acceptWithDefaults);
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
    } catch (RuntimeException e) {
      System.err.println("conformance-client: " + e);
      System.exit(1);
    }
    System.exit(0);
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
