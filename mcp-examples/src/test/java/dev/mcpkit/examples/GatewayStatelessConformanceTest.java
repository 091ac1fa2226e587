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
 * The official conformance suite of the session-based revisions (0.1.16, every server scenario)
 * against the gateway in front of the everything server started with {@code --protocol stateless}:
 * the suite's client speaks 2025-11-25 to the gateway, the gateway speaks only 2026-07-28 upstream
 * (the upstream refuses {@code initialize}), so every scenario that passes crossed the bridge.
 * {@code interop/gateway-stateless-everything-server.expected-failures} lists what cannot cross it,
 * each with its reason.
 */
class GatewayStatelessConformanceTest {
  private static EverythingServer server;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.STATELESS));
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
  void everyServerScenarioCrossesTheBridgeOrIsListed() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures =
        interop.resolve("gateway-stateless-everything-server.expected-failures");
    Path output = Path.of("target", "conformance-gateway-stateless").toAbsolutePath();
    Files.createDirectories(output);

    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                "bash",
                interop.resolve("run-conformance-server.sh").toString(),
                gateway.endpoint().toString(),
                expectedFailures.toString()),
            Map.of("CONFORMANCE_OUTPUT_DIR", output.resolve("checks").toString()),
            Duration.ofMinutes(3),
            true,
            "[conformance-bridge] ");
    Files.writeString(output.resolve("gateway.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-server.sh exit status (0: every scenario passed or failed as "
                + "listed in %s; see the [conformance-bridge] lines above)",
            expectedFailures.getFileName())
        .isZero();
    // Every scenario ran; each tested something, except server-sse-polling: its tool closes the
    // POST stream mid-call (SEP-1699), which a 2026-07-28 upstream cannot do (no resumable
    // streams), so the gateway answers as a server that does not poll (informational checks only).
    assertThat(outcome.stdout().lines().filter(line -> line.startsWith("✓ ")))
        .hasSize(32)
        .filteredOn(line -> line.endsWith(": 0 passed, 0 failed"))
        .containsExactly("✓ server-sse-polling: 0 passed, 0 failed");
    assertThat(scenarios(expectedFailures)).as("what cannot cross the bridge").isEmpty();
  }

  private static List<String> scenarios(Path expectedFailures) throws java.io.IOException {
    return Files.readAllLines(expectedFailures).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
