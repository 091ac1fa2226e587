package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.session.McpEngines;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official conformance suite of the session-based revisions (0.1.16, every server scenario)
 * against the gateway in front of the everything server started with {@code --protocol stateless}:
 * the suite's client speaks 2025-11-25 to the gateway, the gateway speaks only 2026-07-28 upstream
 * (the upstream refuses {@code initialize}), so every scenario that passes crossed the bridge.
 * {@code interop/gateway-stateless-everything-server.expected-failures} lists what cannot cross it,
 * each with its reason.
 */
class GatewayStatelessConformanceTest {
  @AutoClose private static GatewayOverEverything gateway;

  @BeforeAll
  static void start() {
    gateway =
        GatewayOverEverything.start(
            EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS)));
  }

  @Test
  void everyServerScenarioCrossesTheBridgeOrIsListed() throws Exception {
    String expectedFailures = "gateway-stateless-everything-server.expected-failures";
    ConformanceRun.Result result =
        ConformanceRun.everyScenario("conformance-gateway-stateless", expectedFailures)
            .passesOrFailsAsListed(gateway.endpoint());

    // Every scenario ran; each tested something, except server-sse-polling: its tool closes the
    // POST stream mid-call (SEP-1699), which a 2026-07-28 upstream cannot do (no resumable
    // streams), so the gateway answers as a server that does not poll (informational checks only).
    assertThat(result.scenarioLines())
        .hasSize(32)
        .filteredOn(line -> line.endsWith(": 0 passed, 0 failed"))
        .containsExactly("✓ server-sse-polling: 0 passed, 0 failed");
    assertThat(ConformanceRun.listedIn(expectedFailures))
        .as("what cannot cross the bridge")
        .isEmpty();
  }
}
