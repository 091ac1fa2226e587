package dev.mcpkit.examples;

import static dev.mcpkit.examples.GatewayTypeScriptClientTest.drive;
import static dev.mcpkit.examples.GatewayTypeScriptClientTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.session.McpEngines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official TypeScript SDK client (1.32.2, protocol 2025-11-25; {@code
 * interop/ts-gateway-client.mjs}) through the gateway to the everything server started with {@code
 * --protocol stateless}: initialize, lists, progress, a sampling and an elicitation round trip
 * (each an {@code input_required} result upstream, a server-to-client request on the client's
 * session), a plain call, DELETE. The upstream refuses {@code initialize}, so the conversation
 * crossed the bridge. Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class GatewayBridgeTypeScriptClientTest {

  @Test
  void theSdkClientConversesWithAStatelessOnlyUpstreamThroughTheGateway() throws Exception {
    try (EverythingServer upstream =
            EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS));
        Gateway gateway =
            Gateway.start(
                McpGateway.builder()
                    .upstream(UpstreamConfig.http("everything", upstream.endpoint()))
                    .build(),
                "127.0.0.1",
                0)) {
      JsonNode summary =
          drive(
              gateway.endpoint(),
              "--progress-tool",
              "test_tool_with_progress",
              "--sampling-tool",
              "test_sampling",
              "--sampling-args",
              "{\"prompt\":\"across the bridge\"}",
              "--elicitation-tool",
              "test_elicitation",
              "--elicitation-args",
              "{\"message\":\"who are you?\"}",
              "--elicitation-reply",
              "{\"username\":\"ts\",\"email\":\"ts@example.com\"}",
              "--plain-tool",
              "test_simple_text");

      assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
      assertThat(summary.path("sessionId").asString()).isNotEmpty();
      assertThat(summary.path("serverInfo").path("name").asString())
          .isEqualTo("mcpkit-everything-server");
      assertThat(texts(summary.path("tools")))
          .contains("test_simple_text", "test_tool_with_progress", "test_sampling");
      assertThat(texts(summary.path("resources"))).isNotEmpty();
      assertThat(texts(summary.path("prompts"))).isNotEmpty();

      List<Double> progress = new ArrayList<>();
      summary.path("progress").forEach(p -> progress.add(p.path("progress").asDouble()));
      assertThat(progress).hasSizeGreaterThanOrEqualTo(3).isSorted();

      assertThat(summary.at("/samplingRequests/0/messages/0/content/text").asString())
          .isEqualTo("across the bridge");
      assertThat(summary.at("/samplingResult/content/0/text").asString())
          .isEqualTo("LLM response: canned answer from the TS client");
      assertThat(summary.at("/samplingResult/resultType").isMissingNode())
          .as("2026-only members stay upstream")
          .isTrue();
      assertThat(summary.at("/elicitationRequests/0/message").asString()).isEqualTo("who are you?");
      assertThat(summary.at("/elicitationResult/content/0/text").asString())
          .contains("action=accept")
          .contains("ts@example.com");
      assertThat(summary.at("/callResult/content/0/text").asString())
          .isEqualTo("This is a simple text response for testing.");
      assertThat(summary.path("terminated").asBoolean()).isTrue();
    }
  }
}
