package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A 2026-07-28 client (mcpkit's {@link McpHttpClient} pinned to that revision, sessionless) reaches
 * a third-party server that speaks only the session-based revisions, the official TypeScript SDK
 * server of {@code interop/ts-server.mjs} (SDK 1.32.2), through the gateway: discovery, the tool
 * list, a plain call, and a sampling and an elicitation round trip, where the TypeScript server's
 * request on its session becomes the gateway's {@code input_required} answer and the client's retry
 * brings the answer back to the waiting call.
 */
class GatewaySessionlessTypeScriptServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void aSessionlessClientReachesTheTypeScriptServerThroughTheGateway() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Process upstream =
        new ProcessBuilder(
                InteropKit.node(interop),
                interop.resolve("ts-server.mjs").toString(),
                "0",
                "--quiet")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(upstream.getInputStream(), StandardCharsets.UTF_8));
      Future<String> line = reader.submit(out::readLine);
      String printed = line.get(60, TimeUnit.SECONDS);
      if (printed == null || !printed.startsWith("MCP endpoint: ")) {
        fail("ts-server.mjs did not print its endpoint, printed: " + printed);
      }
      URI endpoint = URI.create(printed.substring("MCP endpoint: ".length()).trim());
      List<String> asked = new CopyOnWriteArrayList<>();
      try (McpGateway built =
              McpGateway.builder().upstream(UpstreamConfig.http("ts", endpoint)).build();
          Gateway gateway = Gateway.start(built, "127.0.0.1", 0);
          McpClient client =
              McpHttpClient.builder(gateway.endpoint())
                  .protocolVersion(ProtocolVersion.V2026_07_28)
                  .onRequest(
                      "sampling/createMessage",
                      params -> {
                        asked.add("sampling: " + params.at("/messages/0/content/text").asString());
                        ObjectNode answer = JSON.createObjectNode();
                        answer.put("role", "assistant");
                        answer.put("model", "test-model");
                        answer.putObject("content").put("type", "text").put("text", "Paris");
                        return answer;
                      })
                  .onRequest(
                      "elicitation/create",
                      params -> {
                        asked.add("elicitation: " + params.path("message").asString());
                        ObjectNode answer = JSON.createObjectNode();
                        answer.put("action", "accept");
                        answer
                            .putObject("content")
                            .put("username", "ada")
                            .put("email", "ada@example.com");
                        return answer;
                      })
                  .build()) {
        var discovered = client.initialize();
        assertThat(discovered.protocolVersion()).isEqualTo(ProtocolVersion.V2026_07_28);
        assertThat(discovered.capabilities().has("tools")).isTrue();
        assertThat(client.listTools())
            .extracting(ToolInfo::name)
            .contains("test_simple_text", "test_sampling", "test_elicitation");
        assertThat(client.callTool("test_simple_text", JSON.createObjectNode()).text())
            .isEqualTo("This is a simple text response for testing.");

        JsonNode sampling = JSON.readTree("{\"prompt\":\"Capital of France?\"}");
        assertThat(client.callTool("test_sampling", sampling).text())
            .isEqualTo("LLM response: Paris");
        JsonNode elicitation = JSON.readTree("{\"message\":\"Who are you?\"}");
        assertThat(client.callTool("test_elicitation", elicitation).text())
            .contains("action=accept")
            .contains("ada@example.com");
        assertThat(asked)
            .containsExactly("sampling: Capital of France?", "elicitation: Who are you?");
      }
    } finally {
      upstream.destroy();
      if (!upstream.waitFor(10, TimeUnit.SECONDS)) {
        upstream.destroyForcibly();
      }
    }
  }
}
