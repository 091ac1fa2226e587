package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
  private static EverythingServer server;
  private static Gateway gateway;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
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
  void everyServerScenarioPassesOrFailsAsExpected() throws Exception {
    Path interop = InteropKit.requireInstalled();
    Path expectedFailures = interop.resolve("gateway-everything-server.expected-failures");
    Path output = Path.of("target", "conformance-gateway").toAbsolutePath();
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
            "[conformance-gateway] ");
    Files.writeString(output.resolve("gateway.log"), outcome.stdout());

    assertThat(outcome.exitCode())
        .as(
            "interop/run-conformance-server.sh exit status (0: every scenario passed or failed as "
                + "listed in %s; see the [conformance-gateway] lines above)",
            expectedFailures.getFileName())
        .isZero();
    // Directly, every scenario has at least one passing check; through the gateway too (a scenario
    // left with only informational checks means the gateway hid what it tests, e.g. SSE polling).
    assertThat(outcome.stdout().lines().filter(line -> line.startsWith("✓ ")))
        .hasSize(32)
        .noneMatch(line -> line.endsWith(": 0 passed, 0 failed"));
    // Transparent: never more expected failures than the everything server has directly.
    assertThat(scenarios(expectedFailures))
        .isSubsetOf(scenarios(interop.resolve("everything-server.expected-failures")));
  }

  private static List<String> scenarios(Path expectedFailures) throws java.io.IOException {
    return Files.readAllLines(expectedFailures).stream()
        .map(line -> line.replaceFirst("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }
}
