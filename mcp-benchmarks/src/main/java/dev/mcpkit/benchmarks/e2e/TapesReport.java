package dev.mcpkit.benchmarks.e2e;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * What recording tapes costs, in {@code e2e-results.md}, when a run had both {@link
 * ServerKind#MCPKIT_GATEWAY} and {@link ServerKind#MCPKIT_GATEWAY_TAPES} (or its baseline build,
 * {@link ServerKind#MCPKIT_GATEWAY_TAPES_BASELINE}, a row each): their throughput and the gateway's
 * CPU per call side by side per protocol and concurrency, and whether recording keeps at least
 * {@value #THROUGHPUT_TARGET} of the throughput (issue 17: under 10% of it). Stateless.
 */
final class TapesReport {
  /** Recording keeps at least this share of the gateway's throughput. */
  static final double THROUGHPUT_TARGET = 0.9;

  private TapesReport() {}

  static void append(StringBuilder md, E2eResults results) {
    List<JsonNode> recording =
        results.rows("scenarios").stream()
            .filter(n -> n.path("server").asString("").startsWith("mcpkit-gateway-tapes"))
            .toList();
    if (recording.isEmpty()) {
      return;
    }
    StringBuilder rows = new StringBuilder();
    for (JsonNode row : recording) {
      String protocol = row.path("protocol").asString("");
      int users = row.path("concurrency").asInt();
      JsonNode plain =
          results.rows("scenarios").stream()
              .filter(
                  n ->
                      n.path("server").asString("").equals("mcpkit-gateway")
                          && n.path("protocol").asString("").equals(protocol)
                          && n.path("concurrency").asInt() == users)
              .findFirst()
              .orElse(null);
      if (plain == null) {
        continue;
      }
      double ratio = row.path("perSecond").asDouble() / plain.path("perSecond").asDouble();
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %,.0f | %,.0f | %.1f%% | %.1f µs | %.1f µs | %s |%n",
              row.path("server").asString(""),
              E2eReport.title(protocol),
              users,
              plain.path("perSecond").asDouble(),
              row.path("perSecond").asDouble(),
              (1 - ratio) * 100,
              plain.path("serverCpuUsPerOp").asDouble(),
              row.path("serverCpuUsPerOp").asDouble(),
              ratio >= THROUGHPUT_TARGET ? "yes" : "**no**"));
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Tapes: what recording costs the gateway\n\n")
        .append(
            "| Recording | Protocol | Users | req/s without | req/s recording | throughput lost |"
                + " gateway CPU/call without | recording | Met? (< 10% lost) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n")
        .append(rows)
        .append('\n');
  }
}
