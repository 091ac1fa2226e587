package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.session.McpEngines;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite's pre-release for revision 2026-07-28 ({@code conformance-2026}, {@code
 * --spec-version 2026-07-28}) against the gateway with the everything server ({@code --protocol
 * sessions}: it serves only the session-based revisions) as its only upstream. The suite's client
 * is sessionless; the gateway reaches the upstream with sessions (2025-11-25), so every scenario
 * crosses the bridge: {@code server/discover} from the upstream's handshake, catalogue requests on
 * upstream sessions kept per principal and client capabilities, and the upstream's requests to the
 * client (elicitation, sampling, roots) turned into {@code input_required} answers whose retries
 * resume the parked upstream calls. {@code
 * interop/gateway-everything-server-2026.expected-failures} lists, with reasons, what cannot cross.
 */
class GatewaySessionlessConformanceTest {
  @AutoClose private static GatewayOverEverything gateway;

  @BeforeAll
  static void start() {
    gateway =
        GatewayOverEverything.start(
            EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.SESSIONS)));
  }

  @Test
  void everyServerScenarioOfRevision2026PassesOrFailsAsExpected() throws Exception {
    ConformanceRun.Result result =
        ConformanceRun.everyScenarioOf2026(
                "conformance-gateway-2026", "gateway-everything-server-2026.expected-failures")
            .passesOrFailsAsListed(gateway.endpoint());

    // Each scenario reached the upstream through the bridge: none passed with no check at all.
    assertThat(result.scenarioLines())
        .isNotEmpty()
        .noneMatch(line -> line.endsWith(": 0 passed, 0 failed"));
  }
}
