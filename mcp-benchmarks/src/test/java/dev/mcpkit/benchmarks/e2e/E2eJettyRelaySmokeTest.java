package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The floor of a proxy in smoke mode: the bare Jetty relay in front of an mcpkit server JVM, driven
 * by the real load generator. It asserts that every call went through the relay and was answered
 * correctly (the harness verifies the echo before measuring), that the relay's and its upstream's
 * CPU were both measured, and that the relay has its row in the Gateway table; not how fast
 * anything was.
 */
class E2eJettyRelaySmokeTest {
  @TempDir Path out;

  @Test
  void theRelayProxiesEveryCallAndBothProcessesCpuIsMeasured() throws Exception {
    E2eConfig config =
        E2eConfig.parse(
            "--smoke", "--servers", "jetty-relay", "--protocols", "http1", "--out", out.toString());

    E2eResults results = E2eComparison.run(config, "--smoke --servers jetty-relay");

    assertThat(results.rows("verification"))
        .extracting(n -> n.path("server").asString())
        .containsExactly("jetty-relay");
    JsonNode relayed =
        results.rows("scenarios").stream()
            .filter(n -> n.path("server").asString().equals("jetty-relay"))
            .filter(n -> n.path("concurrency").asInt() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(relayed.path("operations").asLong()).isPositive();
    assertThat(relayed.path("errors").asLong()).isZero();
    assertThat(relayed.path("serverCpuUsPerOp").asDouble()).isPositive();
    assertThat(relayed.path("upstreamCpuUsPerOp").asDouble()).isPositive();
    assertThat(Files.readString(out.resolve("e2e-results.md")))
        .contains("### Gateway: tools/call through a proxy", "| jetty-relay | HTTP/1.1 | 1 |");
  }
}
