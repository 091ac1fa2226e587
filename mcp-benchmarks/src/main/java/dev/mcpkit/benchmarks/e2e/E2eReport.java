package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Turns {@link E2eResults} into the Markdown report ({@code e2e-results.md}: targets with their
 * ratios, then one table per protocol, churn, heap and warm-up) and writes the chart beside it.
 */
final class E2eReport {
  /** Concurrency at which the throughput and latency targets are judged. */
  static final int TARGET_USERS = 64;

  /** Least share of the unprotected throughput the bearer-token-protected server must keep. */
  static final double BEARER_TARGET = 0.90;

  private final E2eResults results;

  private E2eReport(E2eResults results) {
    this.results = results;
  }

  /** Writes {@code e2e-results.md} and {@code e2e-chart.svg} into {@code dir}. */
  static void writeAll(E2eResults results, Path dir) throws IOException {
    Files.writeString(dir.resolve("e2e-results.md"), new E2eReport(results).markdown());
    Files.writeString(dir.resolve("e2e-chart.svg"), E2eChart.svg(results));
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    JsonNode machine = results.machine();
    md.append("Machine: ")
        .append(machine.path("availableProcessors").asInt())
        .append(" CPUs, ")
        .append(machine.path("jdk").asString(""))
        .append(", ")
        .append(machine.path("os").asString(""))
        .append("; run ")
        .append(machine.path("started").asString(""))
        .append(" to ")
        .append(machine.path("finished").asString(""))
        .append(
            String.format(
                Locale.ROOT,
                "; load average %.2f at start, %.2f at end",
                machine.path("loadAverageAtStart").asDouble(),
                machine.path("loadAverageAtEnd").asDouble()));
    if (machine.has("stolenCpuPercent")) {
      // A few percent stolen by the hypervisor makes slices differ more than the changes measured.
      md.append(
          String.format(
              Locale.ROOT,
              "; CPU stolen by the hypervisor during the run %.1f%%",
              machine.path("stolenCpuPercent").asDouble()));
    }
    md.append(String.format(Locale.ROOT, ".%n%n"));
    targets(md);
    bearerTokenTables(md);
    for (String protocol : List.of("http1", "h2c")) {
      List<JsonNode> rows = rows("scenarios", protocol);
      if (!rows.isEmpty()) {
        scenarioTable(md, protocol, rows);
      }
    }
    GatewayReport.append(md, results);
    TapesReport.append(md, results);
    churnTable(md);
    heapTable(md);
    warmupTable(md);
    return md.toString();
  }

  private void targets(StringBuilder md) {
    int start = md.length();
    md.append(
        "| Target | mcpkit | SDK | Jetty floor | Ratio | Met? |\n|---|---|---|---|---|---|\n");
    int header = md.length();
    Optional<JsonNode> m = scenario("mcpkit", "http1", TARGET_USERS);
    Optional<JsonNode> s = scenario("sdk", "http1", TARGET_USERS);
    Optional<JsonNode> j = scenario("jetty", "http1", TARGET_USERS);
    if (m.isPresent() && s.isPresent()) {
      double ratio = m.get().path("perSecond").asDouble() / s.get().path("perSecond").asDouble();
      row(
          md,
          "tools/call req/s, c=64, HTTP/1.1: >= 2x SDK",
          num(m.get(), "perSecond"),
          num(s.get(), "perSecond"),
          j.map(n -> num(n, "perSecond")).orElse("-"),
          ratio(ratio, "x SDK"),
          ratio >= 2);
    }
    if (m.isPresent() && j.isPresent()) {
      double ratio = m.get().path("perSecond").asDouble() / j.get().path("perSecond").asDouble();
      row(
          md,
          "tools/call req/s, c=64, HTTP/1.1: >= 70% of Jetty",
          num(m.get(), "perSecond"),
          s.map(n -> num(n, "perSecond")).orElse("-"),
          num(j.get(), "perSecond"),
          String.format(Locale.ROOT, "%.0f%% of Jetty", ratio * 100),
          ratio >= 0.7);
    }
    if (m.isPresent() && s.isPresent() && j.isPresent()) {
      // Context, not a target: the load generator shares the machine, so throughput is capped by
      // its CPU too; server CPU per request is what a server-only machine would turn into req/s.
      double mc = m.get().path("serverCpuUsPerOp").asDouble();
      double sc = s.get().path("serverCpuUsPerOp").asDouble();
      double jc = j.get().path("serverCpuUsPerOp").asDouble();
      md.append(
          String.format(
              Locale.ROOT,
              "| *context:* server CPU per tools/call, c=64, HTTP/1.1 | %.1f µs | %.1f µs | %.1f µs | SDK/mcpkit %.2fx; Jetty/mcpkit %.0f%% | - |%n",
              mc,
              sc,
              jc,
              sc / mc,
              100 * jc / mc));
    }
    for (String protocol : List.of("http1", "h2c")) {
      Optional<JsonNode> mp = scenario("mcpkit", protocol, TARGET_USERS);
      Optional<JsonNode> sp = scenario("sdk", protocol, TARGET_USERS);
      if (mp.isPresent() && sp.isPresent()) {
        double ratio = mp.get().path("p99Us").asDouble() / sp.get().path("p99Us").asDouble();
        row(
            md,
            "p99 latency, c=64, " + title(protocol) + ": <= 0.5x SDK",
            micros(mp.get(), "p99Us"),
            micros(sp.get(), "p99Us"),
            scenario("jetty", protocol, TARGET_USERS).map(n -> micros(n, "p99Us")).orElse("-"),
            ratio(ratio, "x SDK"),
            ratio <= 0.5);
      }
    }
    Optional<JsonNode> mc = first("churn", "mcpkit");
    Optional<JsonNode> sc = first("churn", "sdk");
    if (mc.isPresent() && sc.isPresent()) {
      double ratio = mc.get().path("perSecond").asDouble() / sc.get().path("perSecond").asDouble();
      row(
          md,
          "session churn (initialize+DELETE)/s: >= 2x SDK",
          num(mc.get(), "perSecond"),
          num(sc.get(), "perSecond"),
          first("churn", "jetty").map(n -> num(n, "perSecond")).orElse("-"),
          ratio(ratio, "x SDK"),
          ratio >= 2);
      double mcpu = mc.get().path("serverCpuUsPerOp").asDouble();
      double scpu = sc.get().path("serverCpuUsPerOp").asDouble();
      md.append(
          String.format(
              Locale.ROOT,
              "| *context:* server CPU per initialize+DELETE | %.1f µs | %.1f µs | %s | SDK/mcpkit %.2fx | - |%n",
              mcpu,
              scpu,
              first("churn", "jetty")
                  .map(
                      n ->
                          String.format(
                              Locale.ROOT, "%.1f µs", n.path("serverCpuUsPerOp").asDouble()))
                  .orElse("-"),
              scpu / mcpu));
    }
    for (JsonNode mh : results.rows("heap")) {
      if (!mh.path("server").asString("").equals("mcpkit")) {
        continue;
      }
      int sessions = mh.path("sessions").asInt();
      Optional<JsonNode> sh =
          results.rows("heap").stream()
              .filter(
                  n ->
                      n.path("server").asString("").equals("sdk")
                          && n.path("sessions").asInt() == sessions)
              .findFirst();
      if (sh.isPresent()) {
        double ratio =
            mh.path("bytesPerSession").asDouble() / sh.get().path("bytesPerSession").asDouble();
        row(
            md,
            String.format(Locale.ROOT, "heap per idle session at %,d: <= 1/3 of SDK", sessions),
            bytes(mh),
            bytes(sh.get()),
            "-",
            ratio(ratio, "x SDK"),
            ratio <= 1.0 / 3);
      }
    }
    if (md.length() == header) {
      md.setLength(start); // no target applies to the servers of this run (mcpkit alone, say)
      return;
    }
    md.append('\n');
  }

  private static void row(
      StringBuilder md,
      String target,
      String mcpkit,
      String sdk,
      String jetty,
      String ratio,
      boolean met) {
    md.append("| ")
        .append(target)
        .append(" | ")
        .append(mcpkit)
        .append(" | ")
        .append(sdk)
        .append(" | ")
        .append(jetty)
        .append(" | ")
        .append(ratio)
        .append(" | ")
        .append(met ? "yes" : "**no**")
        .append(" |\n");
  }

  private void scenarioTable(StringBuilder md, String protocol, List<JsonNode> rows) {
    md.append("### tools/call echo, ")
        .append(title(protocol))
        .append("\n\n")
        .append(
            "| Users | Server | req/s | p50 | p90 | p99 | p99.9 | p99 uncorrected | server CPU/req | load-generator CPU/req | errors |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (int users :
        new TreeSet<>(rows.stream().map(n -> n.path("concurrency").asInt()).toList())) {
      for (JsonNode n : rows) {
        if (n.path("concurrency").asInt() != users) {
          continue;
        }
        md.append("| ")
            .append(users)
            .append(" | ")
            .append(n.path("server").asString(""))
            .append(" | ")
            .append(num(n, "perSecond"))
            .append(" | ")
            .append(micros(n, "p50Us"))
            .append(" | ")
            .append(micros(n, "p90Us"))
            .append(" | ")
            .append(micros(n, "p99Us"))
            .append(" | ")
            .append(micros(n, "p999Us"))
            .append(" | ")
            .append(micros(n, "rawP99Us"))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.1f µs", n.path("serverCpuUsPerOp").asDouble()))
            .append(" | ")
            .append(String.format(Locale.ROOT, "%.1f µs", n.path("clientCpuUsPerOp").asDouble()))
            .append(" | ")
            .append(n.path("errors").asLong())
            .append(" |\n");
      }
      Optional<JsonNode> m = scenario("mcpkit", protocol, users);
      Optional<JsonNode> s = scenario("sdk", protocol, users);
      Optional<JsonNode> j = scenario("jetty", protocol, users);
      StringBuilder ratios = new StringBuilder();
      if (m.isPresent() && s.isPresent()) {
        ratios.append(
            String.format(
                Locale.ROOT,
                "mcpkit/SDK: %.2fx req/s, %.2fx p99",
                m.get().path("perSecond").asDouble() / s.get().path("perSecond").asDouble(),
                m.get().path("p99Us").asDouble() / s.get().path("p99Us").asDouble()));
      }
      if (m.isPresent() && j.isPresent()) {
        ratios.append(
            String.format(
                Locale.ROOT,
                "%smcpkit/Jetty: %.0f%% req/s",
                ratios.isEmpty() ? "" : "; ",
                100 * m.get().path("perSecond").asDouble() / j.get().path("perSecond").asDouble()));
      }
      if (!ratios.isEmpty()) {
        md.append("| ")
            .append(users)
            .append(" | *ratios* | ")
            .append(ratios)
            .append(" | | | | | | | | |\n");
      }
    }
    md.append('\n');
  }

  /**
   * The protected mcpkit against the same server unprotected, scenario by scenario: what bearer
   * token validation (cached keys, the client reusing its token) costs end to end. Target: the
   * protected server keeps at least {@link #BEARER_TARGET} of the unprotected throughput. Two
   * baselines when the run has both: {@code mcpkit}, sent no token (the whole cost of being
   * protected, parsing the token's bytes included), and {@code mcpkit-token-unchecked}, sent the
   * same token and ignoring it (what validating it costs, the request bytes being equal).
   */
  private void bearerTokenTables(StringBuilder md) {
    bearerTokenTable(
        md,
        ServerKind.MCPKIT,
        "### Bearer-token cost: mcpkit-oauth against mcpkit (no token sent)\n\n");
    bearerTokenTable(
        md,
        ServerKind.MCPKIT_TOKEN_UNCHECKED,
        "### Bearer-token validation cost: mcpkit-oauth against mcpkit sent the same token,"
            + " unchecked\n\n");
  }

  private void bearerTokenTable(StringBuilder md, ServerKind baseline, String heading) {
    StringBuilder rows = new StringBuilder();
    for (JsonNode o : results.rows("scenarios")) {
      if (!o.path("server").asString("").equals(ServerKind.MCPKIT_OAUTH.label())) {
        continue;
      }
      String protocol = o.path("protocol").asString("");
      int users = o.path("concurrency").asInt();
      Optional<JsonNode> m = scenario(baseline.label(), protocol, users);
      if (m.isEmpty()) {
        continue;
      }
      JsonNode p = m.get();
      double ratio = o.path("perSecond").asDouble() / p.path("perSecond").asDouble();
      rows.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %s | %s | %.2f | %s / %s | %s / %s | %.1f / %.1f µs | %+.1f µs | %s |%n",
              title(protocol),
              users,
              num(p, "perSecond"),
              num(o, "perSecond"),
              ratio,
              micros(p, "p50Us"),
              micros(o, "p50Us"),
              micros(p, "p99Us"),
              micros(o, "p99Us"),
              p.path("serverCpuUsPerOp").asDouble(),
              o.path("serverCpuUsPerOp").asDouble(),
              o.path("serverCpuUsPerOp").asDouble() - p.path("serverCpuUsPerOp").asDouble(),
              ratio >= BEARER_TARGET ? "yes" : "**no**"));
    }
    if (rows.isEmpty()) {
      return;
    }
    md.append(heading)
        .append(
            "| Protocol | Users | "
                + baseline.label()
                + " req/s | mcpkit-oauth req/s | oauth/plain | p50 plain / oauth"
                + " | p99 plain / oauth | server CPU/req plain / oauth | CPU added/req"
                + " | >= 0.90? |\n|---|---|---|---|---|---|---|---|---|---|\n")
        .append(rows)
        .append('\n');
  }

  private void churnTable(StringBuilder md) {
    List<JsonNode> rows = results.rows("churn");
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Session churn (initialize + DELETE, HTTP/1.1)\n\n")
        .append(
            "| Server | Users | cycles/s | p50 | p99 | server CPU/cycle | errors |\n|---|---|---|---|---|---|---|\n");
    for (JsonNode n : rows) {
      md.append("| ")
          .append(n.path("server").asString(""))
          .append(" | ")
          .append(n.path("concurrency").asInt())
          .append(" | ")
          .append(num(n, "perSecond"))
          .append(" | ")
          .append(micros(n, "rawP50Us"))
          .append(" | ")
          .append(micros(n, "rawP99Us"))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f µs", n.path("serverCpuUsPerOp").asDouble()))
          .append(" | ")
          .append(n.path("errors").asLong())
          .append(" |\n");
    }
    md.append('\n');
  }

  private void heapTable(StringBuilder md) {
    List<JsonNode> rows = results.rows("heap");
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Heap per idle session (used heap after full GC, server JVM)\n\n")
        .append(
            "| Server | Live sessions | Heap before | Heap after | Bytes per session |\n|---|---|---|---|---|\n");
    for (JsonNode n : rows) {
      md.append("| ")
          .append(n.path("server").asString(""))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,d", n.path("sessions").asInt()))
          .append(" | ")
          .append(
              String.format(
                  Locale.ROOT, "%.1f MiB", n.path("heapBeforeBytes").asDouble() / (1 << 20)))
          .append(" | ")
          .append(
              String.format(
                  Locale.ROOT, "%.1f MiB", n.path("heapAfterBytes").asDouble() / (1 << 20)))
          .append(" | ")
          .append(bytes(n))
          .append(" |\n");
    }
    md.append('\n');
  }

  private void warmupTable(StringBuilder md) {
    List<JsonNode> rows = results.rows("warmup");
    if (rows.isEmpty()) {
      return;
    }
    md.append("### Warm-up windows (req/s at ")
        .append(rows.get(0).path("concurrency").asInt())
        .append(
            " users, until the last windows are near the best and the JIT is quiet)\n\n"
                + "| Server | Protocol | Windows | Stable | Ended |\n|---|---|---|---|---|\n");
    for (JsonNode n : rows) {
      md.append("| ")
          .append(n.path("server").asString(""))
          .append(" | ")
          .append(title(n.path("protocol").asString("")))
          .append(" | ")
          .append(n.path("windowsPerSecond").toString().replace(",", ", "))
          .append(" | ")
          .append(n.path("stable").asBoolean() ? "yes" : "no")
          .append(" | ")
          .append(n.path("ended").asString(""))
          .append(" |\n");
    }
    md.append('\n');
  }

  private List<JsonNode> rows(String section, String protocol) {
    return results.rows(section).stream()
        .filter(n -> n.path("protocol").asString("").equals(protocol))
        .toList();
  }

  private Optional<JsonNode> scenario(String server, String protocol, int users) {
    return results.rows("scenarios").stream()
        .filter(
            n ->
                n.path("server").asString("").equals(server)
                    && n.path("protocol").asString("").equals(protocol)
                    && n.path("concurrency").asInt() == users)
        .findFirst();
  }

  private Optional<JsonNode> first(String section, String server) {
    return results.rows(section).stream()
        .filter(n -> n.path("server").asString("").equals(server))
        .findFirst();
  }

  static String title(String protocol) {
    return protocol.equals("http1") ? "HTTP/1.1" : protocol;
  }

  private static String num(JsonNode n, String field) {
    return String.format(Locale.ROOT, "%,.0f", n.path(field).asDouble());
  }

  private static String bytes(JsonNode n) {
    return String.format(Locale.ROOT, "%,.0f B", n.path("bytesPerSession").asDouble());
  }

  private static String ratio(double ratio, String suffix) {
    return String.format(Locale.ROOT, "%.2f%s", ratio, suffix);
  }

  /** A latency in microseconds, shown in ms from 1 ms up. */
  static String micros(JsonNode n, String field) {
    double us = n.path(field).asDouble();
    return us >= 1000
        ? String.format(Locale.ROOT, "%.2f ms", us / 1000)
        : String.format(Locale.ROOT, "%.0f µs", us);
  }
}
