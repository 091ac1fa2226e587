package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.session.McpEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
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
  private static EverythingServer server;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.SESSIONS));
    gateway =
        Gateway.start(
            McpGateway.builder()
                .upstream(UpstreamConfig.http("everything", server.endpoint()))
                .build(),
            "127.0.0.1",
            0);
  }

  @AfterAll
  static void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyServerScenarioOfRevision2026PassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("gateway-everything-server-2026.expected-failures");
    Path output = Path.of("target", "conformance-gateway-2026").toAbsolutePath();
    Files.createDirectories(output);

    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash",
                interop.resolve("run-conformance-server.sh").toString(),
                gateway.endpoint().toString(),
                expectedFailures.toString()),
            Map.of(
                "CONFORMANCE_OUTPUT_DIR",
                output.resolve("checks").toString(),
                "CONFORMANCE_PACKAGE",
                "conformance-2026",
                "CONFORMANCE_SPEC_VERSION",
                "2026-07-28"),
            Duration.ofMinutes(4),
            true,
            "[conformance-gateway-2026] ");
    Files.writeString(output.resolve("gateway.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-server.sh (conformance-2026, --spec-version 2026-07-28) exit "
                + "status (0: every scenario passed or failed as listed in %s)",
            expectedFailures.getFileName())
        .isZero();
    // Each scenario reached the upstream through the bridge: none passed with no check at all.
    assertThat(outcome.stdout().lines().filter(line -> line.startsWith("✓ ")))
        .isNotEmpty()
        .noneMatch(line -> line.endsWith(": 0 passed, 0 failed"));
  }
}
