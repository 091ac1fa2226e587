package dev.mcpkit.benchmarks;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.api.spi.transport.HttpServerObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CPU cost of exactly the observer calls one {@code tools/call} round trip makes with
 * instrumentation on (client: MCP operation and HTTP exchange; server: HTTP exchange and MCP
 * operation, the server reading the trace context the client wrote), without the network and the
 * protocol work around them. {@code off} runs the same calls on the {@code NONE} observers. Divided
 * by the cost of the round trip itself ({@code ClientPoolBenchmark}), this is the overhead of
 * instrumentation; it is measured apart because a single-threaded, I/O-free loop stays steady on a
 * shared machine where the round trip's own score swings by more than the few percent at stake.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ObserverCostBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * {@code off}: the NONE observers; {@code metrics}: McpMetrics; {@code traced}: metrics and
   * spans.
   */
  @Param({"off", "metrics", "traced"})
  public String instrumentation = "off";

  private @Nullable Telemetry telemetry;
  private McpClientObserver client = McpClientObserver.NONE;
  private HttpClientObserver httpClient = HttpClientObserver.NONE;
  private McpServerObserver server = McpServerObserver.NONE;
  private HttpServerObserver httpServer = HttpServerObserver.NONE;
  private final McpClientObserver.Request request =
      new McpClientObserver.Request(
          "tools/call", "echo", ProtocolVersion.latest(), "42", "127.0.0.1", 8080);

  @Setup(Level.Trial)
  public void setUp() {
    telemetry =
        switch (instrumentation) {
          case "off" -> null;
          case "metrics" -> Telemetry.create(false);
          case "traced" -> Telemetry.create(true);
          default ->
              throw new IllegalArgumentException("unknown instrumentation: " + instrumentation);
        };
    if (telemetry != null) {
      client = telemetry.metrics().clientObserver();
      server = telemetry.metrics().serverObserver();
      if (instrumentation.equals("traced")) {
        client = telemetry.tracing().clientObserver(client);
        server = telemetry.tracing().serverObserver(server);
      }
      httpClient = telemetry.metrics().httpClientObserver();
      httpServer = telemetry.metrics().httpServerObserver();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (telemetry != null) {
      telemetry.close();
    }
  }

  /**
   * The observer calls of one round trip, in the order they happen.
   *
   * @return the trace context the client wrote, for the blackhole
   */
  @Benchmark
  public Object oneCall() {
    Map<String, String> meta = new HashMap<>(4);
    McpClientObserver.Operation operation = client.operationStarted(request, meta::put);
    HttpClientObserver.Exchange clientExchange =
        httpClient.requestStarted("POST", "http", "127.0.0.1", 8080);
    HttpServerObserver.Exchange serverExchange = httpServer.requestStarted("POST", "1.1", "http");
    JsonNode received = meta.isEmpty() ? null : JSON.valueToTree(meta);
    McpServerObserver.Operation handled =
        server.operationStarted("tools/call", "echo", ProtocolVersion.latest(), received, "1.1");
    handled.ended(null);
    serverExchange.ended(200, false);
    clientExchange.ended(200, "1.1", null);
    operation.ended(null, "1.1");
    return meta;
  }
}
