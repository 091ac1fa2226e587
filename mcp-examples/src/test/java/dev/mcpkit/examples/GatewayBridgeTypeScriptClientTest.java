package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.session.McpEngines;
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
    try (GatewayOverEverything gateway =
        GatewayOverEverything.start(
            EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS)))) {
      JsonNode summary = EverythingConversation.hold(gateway.endpoint(), "across the bridge");

      assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
      assertThat(summary.path("sessionId").asString()).isNotEmpty();
      EverythingConversation.assertHeld(summary, "across the bridge");
      assertThat(summary.at("/samplingResult/resultType").isMissingNode())
          .as("2026-only members stay upstream")
          .isTrue();
    }
  }
}
