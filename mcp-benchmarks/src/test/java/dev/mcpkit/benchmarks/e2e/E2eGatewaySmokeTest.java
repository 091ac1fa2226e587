package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The gateway comparison's mcpkit part in smoke mode: the direct mcpkit server and mcpkit's gateway
 * in front of another mcpkit server JVM, driven by the real load generator. It asserts that calls
 * went through the gateway correctly, that the gateway's and its upstream's CPU were both measured
 * (the upstream's through the server JVM's {@code upstream-cpu} command), and that the report has
 * the Gateway table; not how fast anything was. The npm proxies' kinds need {@code npm ci} in
 * {@code mcp-benchmarks/peers} and are run by {@code scripts/gateway.sh}, not here.
 */
class E2eGatewaySmokeTest {
  @TempDir Path out;

  @Test
  void theGatewayKindProxiesEveryCallAndBothProcessesCpuIsMeasured() throws Exception {
    E2eConfig config =
        E2eConfig.parse(
            "--smoke",
            "--servers",
            "mcpkit,mcpkit-gateway",
            "--protocols",
            "http1",
            "--out",
            out.toString());

    E2eResults results = E2eComparison.run(config, "--smoke --servers mcpkit,mcpkit-gateway");

    assertThat(results.rows("verification"))
        .extracting(n -> n.path("server").asString())
        .containsExactlyInAnyOrder("mcpkit", "mcpkit-gateway");
    JsonNode proxied =
        results.rows("scenarios").stream()
            .filter(n -> n.path("server").asString().equals("mcpkit-gateway"))
            .filter(n -> n.path("concurrency").asInt() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(proxied.path("operations").asLong()).isPositive();
    assertThat(proxied.path("errors").asLong()).isZero();
    assertThat(proxied.path("serverCpuUsPerOp").asDouble()).isPositive();
    assertThat(proxied.path("upstreamCpuUsPerOp").asDouble()).isPositive();
    assertThat(results.rows("scenarios"))
        .filteredOn(n -> n.path("server").asString().equals("mcpkit"))
        .allSatisfy(n -> assertThat(n.has("upstreamCpuUsPerOp")).isFalse());
    assertThat(Files.readString(out.resolve("e2e-results.md")))
        .contains("### Gateway: tools/call through a proxy", "| mcpkit-gateway | HTTP/1.1 | 1 |");
  }
}
