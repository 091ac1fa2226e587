package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The recording gateway's kind in smoke mode, beside the plain gateway: calls go through it without
 * errors, and the report has the table of what recording costs. Not how fast anything was.
 */
class E2eGatewayTapesSmokeTest {
  @TempDir Path out;

  @Test
  void theRecordingGatewayKindServesEveryCallAndIsReportedBesideThePlainOne() throws Exception {
    E2eConfig config =
        E2eConfig.parse(
            "--smoke",
            "--servers",
            "mcpkit-gateway,mcpkit-gateway-tapes",
            "--protocols",
            "http1",
            "--out",
            out.toString());

    E2eResults results =
        E2eComparison.run(config, "--smoke --servers mcpkit-gateway,mcpkit-gateway-tapes");

    JsonNode recording =
        results.rows("scenarios").stream()
            .filter(n -> n.path("server").asString().equals("mcpkit-gateway-tapes"))
            .filter(n -> n.path("concurrency").asInt() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(recording.path("operations").asLong()).isPositive();
    assertThat(recording.path("errors").asLong()).isZero();
    assertThat(Files.readString(out.resolve("e2e-results.md")))
        .contains("### Tapes: what recording costs the gateway", "| HTTP/1.1 | 1 |");
  }
}
