package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official MCP conformance suite (every server scenario) against the gateway with the
 * everything server as its only upstream: the gateway is transparent, so it must pass exactly as
 * the everything server does directly ({@link EverythingServerConformanceTest}). {@code
 * interop/gateway-everything-server.expected-failures} lists what cannot pass yet; it may be
 * shorter than the direct run's list, never longer.
 */
class GatewayConformanceTest {
  @AutoClose private static GatewayOverEverything gateway;

  @BeforeAll
  static void start() {
    gateway = GatewayOverEverything.start(EverythingServer.start("127.0.0.1", 0));
  }

  @Test
  void everyServerScenarioPassesOrFailsAsExpected() throws Exception {
    String expectedFailures = "gateway-everything-server.expected-failures";
    ConformanceRun.Result result =
        ConformanceRun.everyScenario("conformance-gateway", expectedFailures)
            .passesOrFailsAsListed(gateway.endpoint());

    // Directly, every scenario has at least one passing check; through the gateway too (a scenario
    // left with only informational checks means the gateway hid what it tests, e.g. SSE polling).
    assertThat(result.scenarioLines())
        .hasSize(32)
        .noneMatch(line -> line.endsWith(": 0 passed, 0 failed"));
    // Transparent: never more expected failures than the everything server has directly.
    assertThat(ConformanceRun.listedIn(expectedFailures))
        .isSubsetOf(ConformanceRun.listedIn("everything-server.expected-failures"));
  }
}
