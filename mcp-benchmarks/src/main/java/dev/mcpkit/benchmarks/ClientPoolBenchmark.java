package dev.mcpkit.benchmarks;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.metrics.McpMetrics;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.time.Duration;
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
 * Requests per second and latency percentiles of {@code tools/call} through one shared {@link
 * McpHttpClient} (one session, its connection pool) against an {@link McpHttpServer} on loopback in
 * the same JVM, whose {@code echo} tool returns its argument: pooled HTTP/1.1 ({@code http1}, one
 * request per connection at a time) against multiplexed h2c ({@code h2c}, HTTP/2 with prior
 * knowledge) in the same run. Concurrency is JMH's thread count ({@code -t}); every JMH thread
 * calls the one client, as the request threads of a gateway would.
 *
 * <p>{@code instrumentation} measures what mcpkit's OpenTelemetry instrumentation costs on this
 * round trip, against no instrumentation in the same run ({@code BENCHMARKS.md}, "Instrumentation
 * overhead").
 *
 * <p>{@link #callTool()} measures throughput; {@link #callToolLatency()} is the same call in {@link
 * Mode#SampleTime}, so JMH reports p50/p90/p99/p99.9.
 *
 * <p>The client does not open the session's GET stream (it would hold one HTTP/1.1 connection for
 * the whole trial and is not what is measured); the pool allows 64 connections, more than the
 * thread counts used, so HTTP/1.1 is never starved for a connection.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientPoolBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** {@code http1}: pooled HTTP/1.1; {@code h2c}: HTTP/2 with prior knowledge. */
  @Param({"http1", "h2c"})
  public String transport = "http1";

  /**
   * {@code off}: no observers; {@code metrics}: {@code McpMetrics} on the server (sessions, engine,
   * HTTP) and the client (MCP, HTTP, pool) over a real SDK; {@code traced}: the metrics plus a
   * SERVER and a CLIENT span per call, trace context carried in {@code params._meta}.
   */
  @Param({"off", "metrics", "traced"})
  public String instrumentation = "off";

  private @Nullable Telemetry telemetry;
  private final JsonNode arguments = JSON.readTree("{\"message\":\"hello\"}");
  private SessionManager sessions;
  private McpHttpServer server;
  private McpClient client;

  @Setup(Level.Trial)
  public void setUp() {
    JsonNode schema =
        JSON.readTree("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("pool-benchmark", "1.0")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes the message.",
                    schema,
                    (args, ctx) -> ToolResult.text(args.path("message").asString(""))))
            .build();
    telemetry =
        switch (instrumentation) {
          case "off" -> null;
          case "metrics" -> Telemetry.create(false);
          case "traced" -> Telemetry.create(true);
          default ->
              throw new IllegalArgumentException("unknown instrumentation: " + instrumentation);
        };
    SessionManagers.Builder sessionsBuilder =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .maxSessions(1_000)
                    .idleTimeout(Duration.ofHours(1))
                    .build());
    McpServerObserver serverObserver = McpServerObserver.NONE;
    McpClientObserver clientObserver = McpClientObserver.NONE;
    if (telemetry != null) {
      McpMetrics metrics = telemetry.metrics();
      sessionsBuilder.listener(metrics.sessionListener());
      serverObserver = metrics.serverObserver();
      clientObserver = metrics.clientObserver();
      if (instrumentation.equals("traced")) {
        serverObserver = telemetry.tracing().serverObserver(serverObserver);
        clientObserver = telemetry.tracing().clientObserver(clientObserver);
      }
    }
    sessions = sessionsBuilder.build();
    McpEngine engine = McpEngines.builder(config, sessions).observer(serverObserver).build();
    McpHttpServer.Builder serverBuilder =
        McpHttpServer.builder().host("127.0.0.1").port(0).engine(engine);
    if (telemetry != null) {
      serverBuilder.observer(telemetry.metrics().httpServerObserver());
    }
    server = serverBuilder.build();
    server.start();
    McpHttpClient.Builder builder =
        McpHttpClient.builder(server.endpoint())
            .clientInfo("pool-benchmark", "1.0")
            .maxConnectionsPerDestination(64)
            .openEventStream(false)
            .requestTimeout(Duration.ofSeconds(30))
            .observer(clientObserver);
    if (telemetry != null) {
      builder.httpObserver(telemetry.metrics().httpClientObserver());
    }
    switch (transport) {
      case "http1" -> {}
      case "h2c" -> builder.http2PriorKnowledge(true);
      default -> throw new IllegalArgumentException("unknown transport: " + transport);
    }
    client = builder.build();
    client.initialize();
    CallToolResult check = client.callTool("echo", arguments);
    if (check.isError() || !"hello".equals(check.text())) {
      throw new IllegalStateException("echo answered " + check.text());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    // Client first: its DELETE ends the session while the server still listens.
    client.close();
    server.close();
    sessions.close();
    if (telemetry != null) {
      telemetry.close();
    }
  }

  /** One {@code tools/call} round trip; throughput. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public CallToolResult callTool() {
    return client.callTool("echo", arguments);
  }

  /** The same round trip, sampled for its latency distribution. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public CallToolResult callToolLatency() {
    return client.callTool("echo", arguments);
  }
}
