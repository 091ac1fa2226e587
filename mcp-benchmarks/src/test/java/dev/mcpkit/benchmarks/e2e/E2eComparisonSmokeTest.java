package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Runs the whole end-to-end comparison in smoke mode (a few seconds per server, tiny concurrency):
 * four real server JVMs on loopback (mcpkit, mcpkit behind bearer tokens with the driver's
 * authorization server, the SDK, bare Jetty), the real load generator, the real report. It asserts
 * that the harness produced sane results, not how fast anything was, so the harness cannot rot
 * unnoticed. The protected server answers nothing without its token (401), so its rows prove the
 * token went with every request: handshakes, calls, DELETEs, churn and the heap step's sessions.
 */
class E2eComparisonSmokeTest {
  @TempDir Path out;

  @Test
  void smokeRunDrivesEveryServerOverBothProtocolsAndWritesResultsReportAndChart() throws Exception {
    E2eConfig config = E2eConfig.parse("--smoke", "--out", out.toString());

    E2eResults results = E2eComparison.run(config, "--smoke");

    // Each server answered initialize and tools/call echo correctly, over HTTP/1.1 and h2c.
    assertThat(results.rows("verification"))
        .extracting(n -> n.path("server").asString() + "/" + n.path("protocol").asString())
        .containsExactlyInAnyOrder(
            "mcpkit/http1",
            "mcpkit-oauth/http1",
            "mcpkit-typed/http1",
            "mcpkit-plain/http1",
            "mcpkit-token-unchecked/http1",
            "sdk/http1",
            "jetty/http1",
            "mcpkit/h2c",
            "mcpkit-oauth/h2c",
            "mcpkit-typed/h2c",
            "mcpkit-plain/h2c",
            "mcpkit-token-unchecked/h2c",
            "sdk/h2c",
            "jetty/h2c");
    assertThat(results.rows("verification"))
        .allSatisfy(
            n -> assertThat(n.path("toolsCall").asString()).contains(McpMessages.ECHO_MARKER));

    // The measured load went through the lean generator (the default), which therefore parsed every
    // server's answers (JSON, and the SDK's event streams, chunked or in DATA frames) without an
    // error.
    assertThat(results.config().path("generator").asString()).isEqualTo("lean");

    List<JsonNode> scenarios = results.rows("scenarios");
    assertThat(scenarios).hasSize(7 * 2 * config.concurrencies().size());
    assertThat(scenarios)
        .allSatisfy(
            n -> {
              String what =
                  n.path("server").asString()
                      + " "
                      + n.path("protocol").asString()
                      + " c="
                      + n.path("concurrency").asInt();
              assertThat(n.path("operations").asLong()).as(what).isPositive();
              assertThat(n.path("errors").asLong()).as(what).isZero();
              assertThat(n.path("perSecond").asDouble()).as(what).isPositive();
              assertThat(n.path("p99Us").asLong())
                  .as(what)
                  .isGreaterThanOrEqualTo(n.path("p50Us").asLong())
                  .isPositive();
              assertThat(n.path("serverCpuUsPerOp").asDouble()).as(what).isPositive();
            });

    assertThat(results.rows("churn"))
        .hasSize(7)
        .allSatisfy(
            n -> {
              assertThat(n.path("perSecond").asDouble()).isPositive();
              assertThat(n.path("errors").asLong()).isZero();
            });

    // Heap per idle session only for the servers that keep sessions, at each configured count.
    assertThat(results.rows("heap"))
        .extracting(n -> n.path("server").asString() + "@" + n.path("sessions").asInt())
        .containsExactly(
            "mcpkit@100",
            "mcpkit@300",
            "mcpkit-oauth@100",
            "mcpkit-oauth@300",
            "mcpkit-token-unchecked@100",
            "mcpkit-token-unchecked@300",
            "mcpkit-typed@100",
            "mcpkit-typed@300",
            "mcpkit-plain@100",
            "mcpkit-plain@300",
            "sdk@100",
            "sdk@300");
    assertThat(results.rows("heap"))
        .allSatisfy(n -> assertThat(n.path("heapAfterBytes").asLong()).isPositive());

    assertThat(E2eResults.read(out.resolve("e2e-results.json")).rows("scenarios"))
        .hasSameSizeAs(scenarios);
    assertThat(Files.readString(out.resolve("e2e-results.md")))
        .contains(
            "### Bearer-token cost: mcpkit-oauth against mcpkit (no token sent)",
            "### Bearer-token validation cost: mcpkit-oauth against mcpkit sent the same token",
            "### tools/call echo, HTTP/1.1",
            "### tools/call echo, h2c",
            "### Session churn",
            "### Heap per idle session");
    String svg = Files.readString(out.resolve("e2e-chart.svg"));
    assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
    // One bar per scenario in the throughput panels and one in the latency panels; the
    // token-unchecked baseline (of the bearer-token tables) and the plain echo (of issue 20's
    // tables) are not charted.
    long charted =
        scenarios.stream()
            .filter(
                n ->
                    !List.of("mcpkit-token-unchecked", "mcpkit-plain")
                        .contains(n.path("server").asString()))
            .count();
    assertThat(svg.split("<rect x=").length - 1).isEqualTo(2 * charted + 5);
  }
}
