package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session-based client (mcpkit's own, at 2025-11-25) through the gateway to the everything server
 * started with {@code --protocol stateless}: what the bridge keeps for the client session and
 * replays on each 2026-07-28 request. The upstream refuses {@code initialize}, so every answer here
 * crossed the bridge.
 */
class GatewayBridgeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static GatewayOverEverything bridge;

  @BeforeAll
  static void start() {
    bridge =
        GatewayOverEverything.start(
            EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS)));
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static McpClient client(List<JsonRpcNotification> notifications) {
    return McpHttpClient.builder(bridge.endpoint())
        .clientInfo("bridge-test", "1.0.0")
        .onNotification(notifications::add)
        .onRequest(
            "sampling/createMessage",
            params -> {
              ObjectNode result = JSON.createObjectNode();
              result.put("role", "assistant");
              result.put("model", "canned");
              result
                  .putObject("content")
                  .put("type", "text")
                  .put("text", "sampled: " + params.at("/messages/0/content/text").asString());
              return result;
            })
        .onRequest(
            "roots/list",
            params -> {
              ObjectNode result = JSON.createObjectNode();
              result.putArray("roots").addObject().put("uri", "file:///bridge").put("name", "b");
              return result;
            })
        .build();
  }

  @Test
  void theClientKeepsItsSessionWhileTheUpstreamHasNone() throws Exception {
    List<JsonRpcNotification> notifications = new CopyOnWriteArrayList<>();
    try (McpClient client = client(notifications)) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(client.sessionId()).isPresent();

      // An input_required round (sampling) became a request on the client's session.
      CallToolResult sampled =
          client.callTool("test_sampling", JSON.readTree("{\"prompt\":\"across\"}"));
      assertThat(sampled.content().getFirst().path("text").asString()).contains("sampled: across");
      // roots/list, asked by the upstream as an input request, answered by this client.
      CallToolResult roots =
          client.callTool("test_input_required_result_list_roots", JSON.readTree("{}"));
      assertThat(roots.isError()).isFalse();
      assertThat(roots.content().getFirst().path("text").asString()).isEqualTo("Found 1 root(s)");
      // What only 2026-07-28 results carry does not reach a session-based client.
      assertThat(sampled.raw().has("resultType")).isFalse();
      assertThat(sampled.raw().path("_meta").has("io.modelcontextprotocol/serverInfo")).isFalse();

      // An x-mcp-header argument went upstream mirrored in Mcp-Param-Region (else -32020).
      CallToolResult mirrored =
          client.callTool(
              "test_custom_header_tool", JSON.readTree("{\"region\":\"eu-west\",\"query\":\"q\"}"));
      assertThat(mirrored.isError()).isFalse();
      assertThat(mirrored.content().getFirst().path("text").asString())
          .isEqualTo("region eu-west: q");

      // logging/setLevel is kept by the bridge and sent as _meta logLevel on each request.
      client.request(
          "logging/setLevel", JSON.readTree("{\"level\":\"info\"}"), RequestOptions.defaults());
      client.callTool("test_logging_tool", JSON.readTree("{}"));
      assertThat(notifications)
          .anySatisfy(
              n -> {
                assertThat(n.method()).isEqualTo("notifications/message");
                assertThat(String.valueOf(n.params())).contains("Diagnostic trace logging");
              });
      client.request(
          "logging/setLevel", JSON.readTree("{\"level\":\"error\"}"), RequestOptions.defaults());
      notifications.clear();
      client.callTool("test_logging_tool", JSON.readTree("{}"));
      assertThat(notifications).noneMatch(n -> n.method().equals("notifications/message"));

      // The upstream's listen stream feeds the client's GET stream: a list change, and the
      // updates of a resource subscribed through the bridge.
      client.callTool("test_trigger_prompt_change", JSON.readTree("{}"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  notifications.stream()
                      .anyMatch(n -> n.method().equals("notifications/prompts/list_changed")));
      client.request(
          "resources/subscribe",
          JSON.readTree("{\"uri\":\"" + EverythingCatalog.WATCHED + "\"}"),
          RequestOptions.defaults());
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  notifications.stream()
                      .anyMatch(
                          n ->
                              n.method().equals("notifications/resources/updated")
                                  && EverythingCatalog.WATCHED.equals(
                                      n.params().path("uri").asString())));
      assertThat(notifications)
          .noneMatch(n -> n.method().equals("notifications/subscriptions/acknowledged"));
    }
  }

  @Test
  void theClientsCapabilitiesGoUpstreamWithEachRequest() throws Exception {
    List<JsonRpcNotification> notifications = new CopyOnWriteArrayList<>();
    try (McpClient client = client(notifications)) {
      client.initialize();
      CallToolResult result =
          client.callTool("test_input_required_result_capabilities", JSON.readTree("{}"));
      // The upstream asks only what this client declared at initialize (sampling, no elicitation).
      assertThat(result.content().getFirst().path("text").asString())
          .isEqualTo("capabilities-ok: received sample_input");
    }
  }
}
