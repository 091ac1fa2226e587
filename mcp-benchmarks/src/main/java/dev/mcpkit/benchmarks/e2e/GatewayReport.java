package dev.mcpkit.benchmarks.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The gateway comparison's tables in {@code e2e-results.md}, when a run had proxies ({@link
 * ServerKind#proxied()}): each proxy's CPU per call in its own process and in its upstream's, and
 * its latency beside the direct mcpkit server's; then the proxies side by side per concurrency. The
 * issue's targets are checked where the run has what they compare: the gateway's own CPU per call
 * at most {@value #CPU_TARGET}x its upstream's, and at most {@value #ADDED_P50_TARGET_US} µs added
 * to the p50 of the direct call at 1 user. Stateless.
 */
final class GatewayReport {
  /** The gateway's CPU per proxied call, at most this many times its upstream's. */
  static final double CPU_TARGET = 1.5;

  /** The p50 the gateway adds at 1 user, at most this many microseconds. */
  static final double ADDED_P50_TARGET_US = 200;

  private GatewayReport() {}

  static void append(StringBuilder md, E2eResults results) {
    List<JsonNode> proxied =
        results.rows("scenarios").stream()
            .filter(n -> ServerKind.of(n.path("server").asString("")).proxied())
            .toList();
    if (proxied.isEmpty()) {
      return;
    }
    md.append("### Gateway: tools/call through a proxy\n\n")
        .append(
            "| Server | Protocol | Users | req/s | p50 | p99 | proxy CPU/call | upstream CPU/call"
                + " | proxy/upstream CPU | p50 added to direct mcpkit | Met? |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (JsonNode row : proxied) {
      String server = row.path("server").asString("");
      String protocol = row.path("protocol").asString("");
      int users = row.path("concurrency").asInt();
      double proxyCpu = row.path("serverCpuUsPerOp").asDouble();
      double upstreamCpu = row.path("upstreamCpuUsPerOp").asDouble(Double.NaN);
      Optional<JsonNode> direct = scenario(results, "mcpkit", protocol, users);
      double added =
          direct.isEmpty()
              ? Double.NaN
              : row.path("p50Us").asDouble() - direct.get().path("p50Us").asDouble();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %,.0f | %s | %s | %.1f µs | %.1f µs | %.2f | %s | %s |%n",
              server,
              E2eReport.title(protocol),
              users,
              row.path("perSecond").asDouble(),
              E2eReport.micros(row, "p50Us"),
              E2eReport.micros(row, "p99Us"),
              proxyCpu,
              upstreamCpu,
              proxyCpu / upstreamCpu,
              Double.isNaN(added) ? "n/a" : String.format(Locale.ROOT, "%+.0f µs", added),
              met(server, users, proxyCpu / upstreamCpu, added)));
    }
    md.append('\n')
        .append(
            "Proxy CPU is the process that answers HTTP (the gateway's JVM, or node); upstream CPU"
                + " the process(es) behind it (the mcpkit server's JVM, or every stdio child).\n\n");
  }

  /** The targets of the mcpkit gateway's rows; the npm proxies have none. */
  private static String met(String server, int users, double cpuRatio, double addedP50) {
    if (!server.startsWith("mcpkit-gateway")) {
      return "";
    }
    boolean cpu = cpuRatio <= CPU_TARGET;
    if (users != 1 || Double.isNaN(addedP50)) {
      return cpu ? "CPU yes" : "CPU **no**";
    }
    boolean p50 = addedP50 <= ADDED_P50_TARGET_US;
    return (cpu ? "CPU yes" : "CPU **no**") + ", p50 " + (p50 ? "yes" : "**no**");
  }

  private static Optional<JsonNode> scenario(
      E2eResults results, String server, String protocol, int users) {
    return results.rows("scenarios").stream()
        .filter(
            n ->
                n.path("server").asString("").equals(server)
                    && n.path("protocol").asString("").equals(protocol)
                    && n.path("concurrency").asInt() == users)
        .findFirst();
  }
}
