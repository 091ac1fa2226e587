package dev.mcpkit.metrics;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real {@link McpHttpClient} against a real {@link McpHttpServer} on loopback, both instrumented:
 * client and server spans join one trace through {@code params._meta}, and the client's MCP and
 * HTTP instruments carry the names, units and attributes of the conventions.
 */
class ClientInstrumentationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VERSION = "2025-11-25";
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> NETWORK_VERSION =
      AttributeKey.stringKey("network.protocol.version");

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final OpenTelemetrySdk otel =
      OpenTelemetrySdk.builder()
          .setTracerProvider(tracerProvider)
          .setMeterProvider(meterProvider)
          .build();
  private final AtomicReference<String> traceparentSeen = new AtomicReference<>();
  private SessionManager sessions;
  private McpHttpServer server;
  private URI endpoint;

  @BeforeEach
  void start() {
    McpMetrics metrics = McpMetrics.create(otel);
    JsonNode empty = JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("client-instrumentation-test", "1.0.0")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes.",
                    empty,
                    (arguments, ctx) -> {
                      traceparentSeen.set(Span.current().getSpanContext().getTraceId());
                      return ToolResult.text("hi");
                    }))
            .tool(Tool.of("broken", "Fails.", empty, (arguments, ctx) -> ToolResult.error("nope")))
            .build();
    sessions = SessionManagers.builder().listener(metrics.sessionListener()).build();
    McpEngine engine =
        McpEngines.builder(config, sessions)
            .observer(McpTracing.create(otel).serverObserver(metrics.serverObserver()))
            .build();
    server =
        McpHttpServer.builder()
            .engine(engine)
            .port(0)
            .observer(metrics.httpServerObserver())
            .build();
    server.start();
    endpoint = server.endpoint();
  }

  @AfterEach
  void stop() {
    server.close();
    sessions.close();
    tracerProvider.close();
    meterProvider.close();
  }

  private McpClient client(boolean h2c) {
    McpMetrics metrics = McpMetrics.create(otel);
    return McpHttpClient.builder(endpoint)
        .http2PriorKnowledge(h2c)
        .openEventStream(false)
        .observer(McpTracing.create(otel).clientObserver(metrics.clientObserver()))
        .httpObserver(metrics.httpClientObserver())
        .build();
  }

  @ParameterizedTest(name = "h2c={0}")
  @ValueSource(booleans = {false, true})
  void clientAndServerAreMeasuredAndTracedInOneTrace(boolean h2c) {
    String http = h2c ? "2" : "1.1";
    Span outer = otel.getTracer("test").spanBuilder("caller").startSpan();
    String sessionId;
    try (McpClient client = client(h2c)) {
      try (Scope ignored = outer.makeCurrent()) {
        client.callTool("echo", JSON.createObjectNode());
      }
      outer.end();
      assertThat(client.callTool("broken", JSON.createObjectNode()).isError()).isTrue();
      assertThatThrownBy(() -> client.callTool("missing", JSON.createObjectNode()))
          .isInstanceOf(McpClientException.class);
      sessionId = client.sessionId().orElseThrow();

      // The pool is read when metrics are collected: one HTTP/1.1 or HTTP/2 connection, now idle.
      Collection<MetricData> live = reader.collectAllMetrics();
      assertThat(
              sumOf(live, "http.client.open_connections", "idle")
                  + sumOf(live, "http.client.open_connections", "active"))
          .isGreaterThanOrEqualTo(1);
      MetricData pending = metric(live, "mcpkit.client.connection.pending_acquisitions");
      assertThat(pending.getUnit()).isEqualTo("{request}");
      assertThat(pending.getLongSumData().getPoints())
          .allSatisfy(p -> assertThat(p.getValue()).isZero());
    }

    // Traces: the client's span is the caller's child and the server's span the client's child.
    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData clientEcho = span(finished, "tools/call echo", SpanKind.CLIENT);
    SpanData serverEcho = span(finished, "tools/call echo", SpanKind.SERVER);
    assertThat(clientEcho)
        .hasTraceId(outer.getSpanContext().getTraceId())
        .hasParentSpanId(outer.getSpanContext().getSpanId())
        .hasAttribute(METHOD, "tools/call")
        .hasAttribute(TOOL, "echo")
        .hasAttribute(AttributeKey.stringKey("gen_ai.operation.name"), "execute_tool")
        .hasAttribute(AttributeKey.stringKey("mcp.protocol.version"), VERSION)
        .hasAttribute(AttributeKey.stringKey("server.address"), endpoint.getHost())
        .hasAttribute(AttributeKey.longKey("server.port"), (long) endpoint.getPort())
        .hasAttribute(NETWORK_VERSION, http);
    assertThat(serverEcho)
        .hasTraceId(clientEcho.getTraceId())
        .hasParentSpanId(clientEcho.getSpanId())
        .hasAttribute(NETWORK_VERSION, http);
    assertThat(traceparentSeen.get()).isEqualTo(clientEcho.getTraceId());
    SpanData clientBroken = span(finished, "tools/call broken", SpanKind.CLIENT);
    assertThat(clientBroken).hasAttribute(ERROR_TYPE, "tool_error");
    assertThat(clientBroken.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span(finished, "tools/call broken", SpanKind.SERVER))
        .hasParentSpanId(clientBroken.getSpanId());
    SpanData clientMissing = span(finished, "tools/call missing", SpanKind.CLIENT);
    assertThat(clientMissing)
        .hasAttribute(ERROR_TYPE, "-32602")
        .hasAttribute(AttributeKey.stringKey("rpc.response.status_code"), "-32602");
    // The first call initialized the session lazily, inside the caller's span too.
    assertThat(span(finished, "initialize", SpanKind.CLIENT))
        .hasParentSpanId(outer.getSpanContext().getSpanId());

    // Metrics after the client closed.
    Collection<MetricData> metrics = reader.collectAllMetrics();
    MetricData operations = metric(metrics, "mcp.client.operation.duration");
    assertThat(operations.getUnit()).isEqualTo("s");
    HistogramPointData echo =
        point(
            operations,
            Attributes.builder()
                .put(METHOD, "tools/call")
                .put(TOOL, "echo")
                .put("gen_ai.operation.name", "execute_tool")
                .put("mcp.protocol.version", VERSION)
                .put("network.transport", "tcp")
                .put("network.protocol.name", "http")
                .put(NETWORK_VERSION, http)
                .put("server.address", endpoint.getHost())
                .put("server.port", (long) endpoint.getPort())
                .build());
    assertThat(echo.getCount()).isEqualTo(1);
    assertThat(echo.getSum()).isPositive();
    assertThat(operations.getHistogramData().getPoints())
        .anySatisfy(p -> assertThat(p.getAttributes().get(METHOD)).isEqualTo("initialize"))
        .anySatisfy(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("tool_error"))
        .anySatisfy(p -> assertThat(p.getAttributes().get(ERROR_TYPE)).isEqualTo("-32602"));
    MetricData serverOperations = metric(metrics, "mcp.server.operation.duration");
    assertThat(serverOperations.getHistogramData().getPoints())
        .allSatisfy(
            p ->
                assertThat(p.getAttributes())
                    .containsEntry("network.protocol.name", "http")
                    .containsEntry(NETWORK_VERSION, http));

    MetricData session = metric(metrics, "mcp.client.session.duration");
    assertThat(session.getUnit()).isEqualTo("s");
    assertThat(session.getHistogramData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getCount()).isEqualTo(1);
              assertThat(p.getAttributes())
                  .containsEntry("mcp.protocol.version", VERSION)
                  .containsEntry(NETWORK_VERSION, http)
                  .containsEntry("server.port", (long) endpoint.getPort());
              assertThat(p.getAttributes().get(ERROR_TYPE)).isNull();
            });

    MetricData requests = metric(metrics, "http.client.request.duration");
    assertThat(requests.getUnit()).isEqualTo("s");
    assertThat(requests.getHistogramData().getPoints())
        .anySatisfy(
            p ->
                assertThat(p.getAttributes())
                    .containsEntry("http.request.method", "POST")
                    .containsEntry("http.response.status_code", 200L)
                    .containsEntry("url.scheme", "http")
                    .containsEntry(NETWORK_VERSION, http));
    assertThat(requests.getHistogramData().getPoints())
        .anySatisfy(
            p -> assertThat(p.getAttributes()).containsEntry("http.request.method", "DELETE"));
    MetricData connections = metric(metrics, "http.client.connection.duration");
    assertThat(connections.getUnit()).isEqualTo("s");
    assertThat(connections.getHistogramData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getCount()).isGreaterThanOrEqualTo(1);
              assertThat(p.getAttributes()).containsEntry(NETWORK_VERSION, http);
            });
    assertThat(
            sumOf(metrics, "http.client.open_connections", "idle")
                + sumOf(metrics, "http.client.open_connections", "active"))
        .as("a closed client reports no pool")
        .isZero();

    // Cardinality: neither the session id nor a request id is on any metric.
    for (MetricData metric : metrics) {
      metric
          .getData()
          .getPoints()
          .forEach(
              p ->
                  p.getAttributes()
                      .forEach(
                          (key, value) -> {
                            assertThat(key.getKey())
                                .doesNotContain("session.id")
                                .doesNotContain("request.id");
                            assertThat(String.valueOf(value)).isNotEqualTo(sessionId);
                          }));
    }
  }

  @Test
  void aSessionTheServerDroppedEndsWith404AndTheUnretriedCallFailsWith404() {
    String dropped;
    try (McpClient client = client(false)) {
      client.callTool("echo", JSON.createObjectNode());
      dropped = client.sessionId().orElseThrow();
      assertThat(sessions.close(SessionId.of(dropped), CloseReason.EVICTED)).isTrue();
      // tools/call is not retried on a new session: it fails with the 404, and a new session
      // starts.
      assertThatThrownBy(() -> client.callTool("echo", JSON.createObjectNode()))
          .isInstanceOf(McpClientException.class);
      assertThat(client.sessionId()).isPresent().get().isNotEqualTo(dropped);
    }

    Collection<MetricData> metrics = reader.collectAllMetrics();
    assertThat(metric(metrics, "mcp.client.operation.duration").getHistogramData().getPoints())
        .anySatisfy(
            p ->
                assertThat(p.getAttributes())
                    .containsEntry(METHOD, "tools/call")
                    .containsEntry(ERROR_TYPE, "404"));
    List<HistogramPointData> sessionPoints =
        List.copyOf(metric(metrics, "mcp.client.session.duration").getHistogramData().getPoints());
    assertThat(sessionPoints)
        .anySatisfy(
            p -> {
              assertThat(p.getAttributes()).containsEntry(ERROR_TYPE, "404");
              assertThat(p.getCount()).isEqualTo(1);
            });
    assertThat(sessionPoints)
        .anySatisfy(
            p -> {
              assertThat(p.getAttributes().get(ERROR_TYPE))
                  .as("the replacement, closed by the client")
                  .isNull();
              assertThat(p.getCount()).isEqualTo(1);
            });
  }

  private static SpanData span(List<SpanData> spans, String name, SpanKind kind) {
    return spans.stream()
        .filter(s -> s.getName().equals(name) && s.getKind() == kind)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " span " + name + " in " + spans));
  }

  private static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private static HistogramPointData point(MetricData metric, Attributes attributes) {
    return metric.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no point " + attributes + " in " + metric.getHistogramData().getPoints()));
  }

  private static long sumOf(Collection<MetricData> metrics, String name, String state) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(
            p ->
                state.equals(
                    p.getAttributes().get(AttributeKey.stringKey("http.connection.state"))))
        .mapToLong(LongPointData::getValue)
        .sum();
  }
}
