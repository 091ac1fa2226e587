package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The results of one run as a JSON tree ({@code e2e-results.json}): machine, configuration,
 * correctness checks, warm-up windows, and one row per scenario, churn run and heap measurement.
 * The Markdown report and the chart are made from this tree alone, so they can be re-made from a
 * results file ({@code --report FILE}).
 *
 * <p>Not thread-safe: the driver's one thread fills it.
 */
final class E2eResults {
  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ObjectNode root;

  E2eResults(ObjectNode root) {
    this.root = root;
  }

  static E2eResults empty() {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("machine");
    root.putObject("config");
    root.putArray("verification");
    root.putArray("warmup");
    root.putArray("scenarios");
    root.putArray("churn");
    root.putArray("heap");
    return new E2eResults(root);
  }

  static E2eResults read(Path file) throws IOException {
    return new E2eResults((ObjectNode) MAPPER.readTree(Files.readString(file)));
  }

  ObjectNode root() {
    return root;
  }

  ObjectNode machine() {
    return (ObjectNode) root.get("machine");
  }

  ObjectNode config() {
    return (ObjectNode) root.get("config");
  }

  void verified(ServerKind server, Protocol protocol, String initializeAnswer, String callAnswer) {
    ((ArrayNode) root.get("verification"))
        .addObject()
        .put("server", server.label())
        .put("protocol", protocol.label())
        .put("ok", true)
        .put("initialize", initializeAnswer)
        .put("toolsCall", callAnswer);
  }

  void warmup(
      ServerKind server,
      Protocol protocol,
      int concurrency,
      List<WarmupWindow> windows,
      WarmupRule.Verdict verdict) {
    ObjectNode row =
        ((ArrayNode) root.get("warmup"))
            .addObject()
            .put("server", server.label())
            .put("protocol", protocol.label())
            .put("concurrency", concurrency)
            .put("stable", verdict.stable())
            .put("ended", verdict.reason());
    ArrayNode rates = row.putArray("windowsPerSecond");
    windows.forEach(w -> rates.add(Math.round(w.rate())));
    ArrayNode jit = row.putArray("jitBusyPercent");
    windows.forEach(w -> jit.add(w.jitKnown() ? Math.round(w.jitShare() * 100) : -1));
  }

  void scenario(
      ServerKind server,
      Protocol protocol,
      int concurrency,
      long expectedIntervalMicros,
      LoadSample sample) {
    ObjectNode row =
        ((ArrayNode) root.get("scenarios"))
            .addObject()
            .put("server", server.label())
            .put("protocol", protocol.label())
            .put("concurrency", concurrency);
    load(row, sample);
    row.put("coExpectedIntervalUs", expectedIntervalMicros);
  }

  void churn(ServerKind server, Protocol protocol, int concurrency, LoadSample sample) {
    ObjectNode row =
        ((ArrayNode) root.get("churn"))
            .addObject()
            .put("server", server.label())
            .put("protocol", protocol.label())
            .put("concurrency", concurrency);
    load(row, sample);
  }

  void heap(ServerKind server, int sessions, long heapBefore, long heapAfter) {
    ((ArrayNode) root.get("heap"))
        .addObject()
        .put("server", server.label())
        .put("sessions", sessions)
        .put("heapBeforeBytes", heapBefore)
        .put("heapAfterBytes", heapAfter)
        .put("bytesPerSession", (double) (heapAfter - heapBefore) / sessions);
  }

  private static void load(ObjectNode row, LoadSample sample) {
    Histogram h = sample.latency();
    Histogram raw = sample.rawLatency();
    row.put("operations", sample.operations())
        .put("errors", sample.errors())
        .put("seconds", sample.elapsedNanos() / 1e9)
        .put("perSecond", sample.throughput())
        .put("p50Us", h.getValueAtPercentile(50))
        .put("p90Us", h.getValueAtPercentile(90))
        .put("p99Us", h.getValueAtPercentile(99))
        .put("p999Us", h.getValueAtPercentile(99.9))
        .put("maxUs", h.getMaxValue())
        .put("rawP50Us", raw.getValueAtPercentile(50))
        .put("rawP99Us", raw.getValueAtPercentile(99))
        .put("rawP999Us", raw.getValueAtPercentile(99.9))
        .put("serverCpuUsPerOp", sample.serverCpuMicrosPerOp())
        .put("clientCpuUsPerOp", sample.clientCpuMicrosPerOp());
    if (sample.upstreamCpuNanos() >= 0) {
      row.put("upstreamCpuUsPerOp", sample.upstreamCpuMicrosPerOp());
    }
  }

  /** The rows of one section ({@code scenarios}, {@code churn}, {@code heap}, ...). */
  List<JsonNode> rows(String section) {
    JsonNode array = root.path(section);
    List<JsonNode> rows = new java.util.ArrayList<>();
    if (array.isArray()) {
      array.forEach(rows::add);
    }
    return rows;
  }

  void write(Path file) throws IOException {
    Files.writeString(file, MAPPER.writeValueAsString(root) + "\n");
  }
}
