package dev.mcpkit.examples;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conformance suite's client scenarios other than {@code auth/...}, played by {@link
 * ConformanceClient}: what a host built on {@link McpHttpClient} does with the scenario's server
 * (list, call, answer the server's requests), so that the suite can check what went over the wire.
 * The protocol version, the headers, the request metadata and the input rounds are the client's own
 * behaviour, not this class's.
 */
final class ConformanceScenarios {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConformanceScenarios() {}

  /**
   * Plays one scenario against the suite's server.
   *
   * @param scenario the scenario's name
   * @param server the URL of the suite's MCP server
   * @param builder a client builder for that server, with the client's name and protocol version
   *     set
   * @param context the scenario's {@code MCP_CONFORMANCE_CONTEXT} (an empty object when none)
   * @throws RuntimeException when a step fails
   */
  static void play(String scenario, URI server, McpHttpClient.Builder builder, JsonNode context) {
    // The session GET stream only where the scenario needs it (its server sends the elicitation
    // there): the sse-retry scenario takes the first GET it sees for the resumption it times, and
    // the session stream's GET may come first, which it reads as a reconnection that ignored retry.
    builder.openEventStream(scenario.startsWith("elicitation"));
    AtomicReference<@Nullable McpClient> self = new AtomicReference<>();
    switch (scenario) {
      case "elicitation-sep1034-client-defaults" ->
          builder
              .capability("elicitation", JSON.readTree("{\"form\":{\"applyDefaults\":true}}"))
              .onRequest("elicitation/create", ConformanceScenarios::acceptWithDefaults);
      case "request-metadata" ->
          // Declares the three client capabilities whose shape the scenario checks.
          builder
              .onRequest("sampling/createMessage", params -> JSON.createObjectNode())
              .onRequest("elicitation/create", params -> decline())
              .onRequest("roots/list", params -> JSON.readTree("{\"roots\":[]}"));
      case "sep-2322-client-request-state" ->
          builder.onRequest(
              "elicitation/create", params -> confirmAfterAnUnrelatedCall(self.get(), params));
      default -> {}
    }
    try (McpClient client = builder.build()) {
      self.set(client);
      switch (scenario) {
        case "initialize", "json-schema-ref-no-deref", "request-metadata" -> client.listTools();
        case "tools_call" -> {
          client.listTools();
          check(client.callTool("add_numbers", JSON.readTree("{\"a\":2,\"b\":3}")));
        }
        case "sse-retry" -> check(client.callTool("test_reconnection", JSON.readTree("{}")));
        case "elicitation-sep1034-client-defaults" ->
            check(client.callTool("test_client_elicitation_defaults", JSON.readTree("{}")));
        case "sep-2322-client-request-state" -> {
          client.listTools();
          check(client.callTool("test_mrtr_echo_state", JSON.createObjectNode()));
          check(client.callTool("test_mrtr_no_state", JSON.createObjectNode()));
          check(client.callTool("test_mrtr_no_result_type", JSON.createObjectNode()));
        }
        case "http-standard-headers" -> everyListAndEveryItem(client);
        case "http-custom-headers" -> {
          client.listTools();
          for (JsonNode call : context.path("toolCalls")) {
            check(client.callTool(call.path("name").asString(), call.path("arguments")));
          }
        }
        case "http-invalid-tool-headers" -> {
          // The client leaves out the tools whose x-mcp-header annotations are invalid; a host
          // calls what remains.
          for (ToolInfo tool : client.listTools()) {
            check(client.callTool(tool.name(), ConformanceArguments.sample(tool.inputSchema())));
          }
        }
        case "json-schema-2020-12-preservation" -> echoTheRichSchema(client);
        default -> throw new IllegalArgumentException("unsupported scenario: " + scenario);
      }
    }
  }

  /** Lists tools, resources and prompts, and calls, reads and gets each one. */
  private static void everyListAndEveryItem(McpClient client) {
    for (ToolInfo tool : client.listTools()) {
      check(client.callTool(tool.name(), ConformanceArguments.sample(tool.inputSchema())));
    }
    for (ResourceInfo resource : client.listResources()) {
      client.readResource(resource.uri());
    }
    for (PromptInfo prompt : client.listPrompts()) {
      client.getPrompt(prompt.name());
    }
  }

  /** Sends back, verbatim, the input schema the client received for the focal tool. */
  private static void echoTheRichSchema(McpClient client) {
    JsonNode schema = null;
    for (ToolInfo tool : client.listTools()) {
      if (tool.name().equals("json_schema_2020_12_tool")) {
        schema = tool.inputSchema();
      }
    }
    if (schema == null) {
      throw new IllegalStateException("tools/list did not list json_schema_2020_12_tool");
    }
    ObjectNode arguments = JSON.createObjectNode();
    arguments.set("schema", schema);
    check(client.callTool("json_schema_echo", arguments));
  }

  /**
   * Answers the elicitation of an input round, after calling another tool while that round is open:
   * that call must carry neither the round's input responses nor its request state.
   */
  private static JsonNode confirmAfterAnUnrelatedCall(@Nullable McpClient client, JsonNode params) {
    if (client != null) {
      check(client.callTool("test_mrtr_unrelated", JSON.createObjectNode()));
    }
    return JSON.readTree("{\"action\":\"accept\",\"content\":{\"confirmed\":true}}");
  }

  private static JsonNode decline() {
    return JSON.readTree("{\"action\":\"decline\"}");
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
