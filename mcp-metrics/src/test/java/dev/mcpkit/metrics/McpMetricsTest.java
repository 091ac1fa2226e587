package dev.mcpkit.metrics;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real traffic through a real engine and Jetty server, read back with the SDK's in-memory reader.
 */
class McpMetricsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VERSION = "2025-11-25";

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private SessionManager sessions;
  private McpHttpServer server;
  private URI endpoint;

  @BeforeEach
  void start() {
    McpMetrics metrics =
        McpMetrics.create(OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
    JsonNode empty = JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("metrics-test", "1.0.0")
            .tool(Tool.of("echo", "Echoes.", empty, (arguments, ctx) -> ToolResult.text("hi")))
            .tool(Tool.of("broken", "Fails.", empty, (arguments, ctx) -> ToolResult.error("nope")))
            .build();
    sessions =
        SessionManagers.builder()
            .policy(SessionPolicy.builder().maxSessions(2).build())
            .listener(metrics.sessionListener())
            .build();
    McpEngine engine =
        McpEngines.builder(config, sessions).observer(metrics.serverObserver()).build();
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
    meterProvider.close();
  }

  @Test
  void operationsSessionsAndHttpExchangesAreMeasured() throws Exception {
    String first = initialize();
    String second = initialize();
    HttpResponse<String> third = post(null, initializeBody());
    assertThat(third.statusCode()).as("admission refuses the third session").isEqualTo(503);
    post(first, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    post(first, call(2, "tools/call", "{\"name\":\"echo\",\"arguments\":{}}"));
    post(first, call(3, "tools/call", "{\"name\":\"echo\",\"arguments\":{}}"));
    post(first, call(4, "tools/call", "{\"name\":\"broken\",\"arguments\":{}}"));
    post(first, call(5, "tools/list", "{}"));
    post(first, call(6, "no/such/method", "{}"));
    post(first, call(7, "tools/call", "{\"name\":\"made-up-tool\",\"arguments\":{}}"));
    assertThat(delete(first).statusCode()).isEqualTo(200);

    Collection<MetricData> metrics = reader.collectAllMetrics();
    MetricData operations = metric(metrics, "mcp.server.operation.duration");
    assertThat(operations).hasUnit("s");
    // Every operation came over HTTP/1.1; tools/call is the conventions' execute_tool; JSON-RPC
    // error
    // codes are both error.type and rpc.response.status_code.
    Attributes http11 =
        Attributes.builder()
            .put("mcp.protocol.version", VERSION)
            .put("network.transport", "tcp")
            .put("network.protocol.name", "http")
            .put("network.protocol.version", "1.1")
            .build();
    Attributes echo =
        http11.toBuilder()
            .put("mcp.method.name", "tools/call")
            .put("gen_ai.tool.name", "echo")
            .put("gen_ai.operation.name", "execute_tool")
            .build();
    assertThat(histogram(operations, echo).getCount()).isEqualTo(2);
    assertThat(histogram(operations, echo).getSum()).isPositive();
    assertThat(
            histogram(
                    operations,
                    http11.toBuilder()
                        .put("mcp.method.name", "tools/call")
                        .put("gen_ai.tool.name", "broken")
                        .put("gen_ai.operation.name", "execute_tool")
                        .put("error.type", "tool_error")
                        .build())
                .getCount())
        .isEqualTo(1);
    // Names the server does not define are reported as _OTHER: a client cannot mint metric series.
    assertThat(
            histogram(
                    operations,
                    http11.toBuilder()
                        .put("mcp.method.name", "tools/call")
                        .put("gen_ai.tool.name", "_OTHER")
                        .put("gen_ai.operation.name", "execute_tool")
                        .put("error.type", "-32602")
                        .put("rpc.response.status_code", "-32602")
                        .build())
                .getCount())
        .isEqualTo(1);
    assertThat(
            histogram(
                    operations,
                    http11.toBuilder()
                        .put("mcp.method.name", "_OTHER")
                        .put("error.type", "-32601")
                        .put("rpc.response.status_code", "-32601")
                        .build())
                .getCount())
        .isEqualTo(1);
    assertThat(
            histogram(operations, http11.toBuilder().put("mcp.method.name", "initialize").build())
                .getCount())
        .isEqualTo(2);
    assertThat(
            histogram(
                    operations,
                    http11.toBuilder()
                        .put("mcp.method.name", "initialize")
                        .put("error.type", "-32603")
                        .put("rpc.response.status_code", "-32603")
                        .build())
                .getCount())
        .isEqualTo(1);

    // Sessions: two created, one activated then closed by the client, one still initializing.
    assertThat(sum(metric(metrics, "mcpkit.server.session.opened"), Attributes.empty()))
        .isEqualTo(2);
    assertThat(
            sum(
                metric(metrics, "mcpkit.server.session.rejected"),
                Attributes.of(
                    AttributeKey.stringKey("mcpkit.session.rejection_reason"), "limit_reached")))
        .isEqualTo(1);
    assertThat(
            sum(
                metric(metrics, "mcpkit.server.session.closed"),
                Attributes.of(
                    AttributeKey.stringKey("mcpkit.session.close_reason"), "client_request")))
        .isEqualTo(1);
    MetricData active = metric(metrics, "mcpkit.server.sessions");
    assertThat(active).hasUnit("{session}");
    assertThat(
            sum(
                active,
                Attributes.of(AttributeKey.stringKey("mcpkit.session.state"), "initializing")))
        .isEqualTo(1);
    assertThat(sum(active, Attributes.of(AttributeKey.stringKey("mcpkit.session.state"), "active")))
        .isZero();
    MetricData sessionDuration = metric(metrics, "mcp.server.session.duration");
    assertThat(sessionDuration).hasUnit("s");
    assertThat(
            histogram(
                    sessionDuration,
                    Attributes.builder()
                        .put("mcp.protocol.version", VERSION)
                        .put("network.transport", "tcp")
                        .put("mcpkit.session.close_reason", "client_request")
                        .build())
                .getCount())
        .isEqualTo(1);

    // HTTP: 3 initialize POSTs (one 503) + 7 POSTs on the first session + 1 DELETE. An exchange is
    // recorded when its write completed, which may be just after the client read the answer.
    Awaitility.await()
        .untilAsserted(
            () -> {
              Collection<MetricData> now = reader.collectAllMetrics();
              MetricData requests = metric(now, "http.server.request.duration");
              assertThat(requests).hasUnit("s");
              Attributes post200 =
                  Attributes.builder()
                      .put("http.request.method", "POST")
                      .put("url.scheme", "http")
                      .put("network.protocol.name", "http")
                      .put("network.protocol.version", "1.1")
                      .put(AttributeKey.longKey("http.response.status_code"), 200L)
                      .build();
              assertThat(histogram(requests, post200).getCount())
                  .isEqualTo(8); // 2 initialize + 6 requests
              assertThat(
                      histogram(
                              requests,
                              post200.toBuilder()
                                  .put(AttributeKey.longKey("http.response.status_code"), 202L)
                                  .build())
                          .getCount())
                  .isEqualTo(1);
              assertThat(
                      histogram(
                              requests,
                              post200.toBuilder()
                                  .put(AttributeKey.longKey("http.response.status_code"), 503L)
                                  .put("error.type", "503")
                                  .build())
                          .getCount())
                  .isEqualTo(1);
              assertThat(
                      histogram(
                              requests,
                              post200.toBuilder().put("http.request.method", "DELETE").build())
                          .getCount())
                  .isEqualTo(1);
              MetricData inFlight = metric(now, "http.server.active_requests");
              assertThat(inFlight).hasUnit("{request}");
              assertThat(
                      sum(
                          inFlight,
                          Attributes.builder()
                              .put("http.request.method", "POST")
                              .put("url.scheme", "http")
                              .build()))
                  .isZero();
            });

    // Cardinality: no attribute carries a session id.
    List<String> ids = List.of(first, second);
    for (MetricData metric : metrics) {
      metric
          .getData()
          .getPoints()
          .forEach(
              point ->
                  point
                      .getAttributes()
                      .forEach(
                          (key, value) ->
                              assertThat(ids)
                                  .as("%s %s", metric.getName(), key)
                                  .doesNotContain(String.valueOf(value))));
    }
  }

  @Test
  void openGetStreamsAreCounted() throws Exception {
    String session = initialize();
    HttpRequest get =
        HttpRequest.newBuilder(endpoint)
            .GET()
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", VERSION)
            .build();
    HttpResponse<java.io.InputStream> stream =
        http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () ->
                assertThat(
                        sum(
                            metric(reader.collectAllMetrics(), "mcpkit.server.sse.streams"),
                            Attributes.empty()))
                    .isEqualTo(1));
    delete(session);
    stream.body().close();
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () ->
                assertThat(
                        sum(
                            metric(reader.collectAllMetrics(), "mcpkit.server.sse.streams"),
                            Attributes.empty()))
                    .isZero());
  }

  private String initialize() throws Exception {
    HttpResponse<String> response = post(null, initializeBody());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static String initializeBody() {
    return call(
        1,
        "initialize",
        "{\"protocolVersion\":\""
            + VERSION
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
  }

  private static String call(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  private HttpResponse<String> post(String session, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> delete(String session) throws Exception {
    return http.send(
        HttpRequest.newBuilder(endpoint)
            .DELETE()
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", VERSION)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    name
                        + " not among "
                        + metrics.stream().map(MetricData::getName).collect(Collectors.toList())));
  }

  private static HistogramPointData histogram(MetricData metric, Attributes attributes) {
    return metric.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    metric.getName()
                        + " has no point "
                        + attributes
                        + " among "
                        + metric.getHistogramData().getPoints().stream()
                            .map(p -> p.getAttributes().toString())
                            .toList()));
  }

  private static long sum(MetricData metric, Attributes attributes) {
    return metric.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToLong(LongPointData::getValue)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    metric.getName()
                        + " has no point "
                        + attributes
                        + " among "
                        + metric.getLongSumData().getPoints().stream()
                            .map(p -> p.getAttributes().toString())
                            .toList()));
  }
}
