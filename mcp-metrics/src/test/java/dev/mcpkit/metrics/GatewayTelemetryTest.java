package dev.mcpkit.metrics;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link GatewayTelemetry} through a real gateway in front of two real mcpkit upstreams on
 * loopback, one of them slow: per-upstream call durations, failures by kind, open upstream sessions
 * and breaker states, read with the SDK's in-memory reader; and one trace from the client through
 * the gateway's hop to the upstream's server span.
 */
class GatewayTelemetryTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CLIENT_SPAN = "b7ad6b7169203331";
  private static final AttributeKey<String> UPSTREAM =
      AttributeKey.stringKey("mcpkit.gateway.upstream");
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> BREAKER =
      AttributeKey.stringKey("mcpkit.gateway.breaker.state");

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
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    release.countDown();
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
    tracerProvider.close();
    meterProvider.close();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  /** An mcpkit upstream with {@code echo} and {@code slow}, traced with the test's SDK. */
  private URI upstream(String name) {
    JsonNode schema = JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo(name, "1.0.0")
            .tool(Tool.of("echo", "Echoes.", schema, (a, ctx) -> ToolResult.text(name)))
            .tool(
                Tool.of(
                    "slow",
                    "Waits until the test ends.",
                    schema,
                    (a, ctx) -> {
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return ToolResult.text("late");
                    }))
            .build();
    SessionManager sessions = closing(SessionManagers.builder().build());
    McpEngine engine =
        McpEngines.builder(config, sessions)
            .observer(McpTracing.create(otel).serverObserver(McpServerObserver.NONE))
            .build();
    McpHttpServer server =
        closing(McpHttpServer.builder().engine(engine).host("127.0.0.1").port(0).build());
    server.start();
    return server.endpoint();
  }

  private static ObjectNode call(String tool) {
    ObjectNode params = JSON.createObjectNode().put("name", tool);
    params.putObject("arguments");
    params
        .putObject("_meta")
        .put("traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01")
        .put("tracestate", "vendor=opaque");
    return params;
  }

  @Test
  void upstreamCallsFailuresSessionsAndBreakersAreMeasuredAndTheHopIsTraced() {
    McpGateway gateway =
        closing(
            McpGateway.builder()
                .upstream(UpstreamConfig.http("fast", upstream("fast")))
                .upstream(
                    UpstreamConfig.http("slow", upstream("slow"))
                        .withTimeout(Duration.ofMillis(300)))
                .observer(GatewayTelemetry.create(otel).observer())
                .build());
    McpHttpServer front =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    front.start();
    McpClient client = McpHttpClient.builder(front.endpoint()).build();

    client.request("tools/call", call("fast__echo"), RequestOptions.defaults());
    assertThatThrownBy(
            () -> client.request("tools/call", call("fast__nope"), RequestOptions.defaults()))
        .isInstanceOf(McpClientException.class);
    // Three timeouts open the slow upstream's breaker; the fourth call is refused at once.
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(
              () -> client.request("tools/call", call("slow__slow"), RequestOptions.defaults()))
          .isInstanceOf(McpClientException.class);
    }

    Collection<MetricData> metrics = reader.collectAllMetrics();
    MetricData duration = metric(metrics, "mcpkit.gateway.upstream.duration");
    assertThat(duration.getUnit()).isEqualTo("s");
    HistogramPointData ok =
        histogram(duration, Attributes.of(UPSTREAM, "fast", METHOD, "tools/call"));
    assertThat(ok.getCount()).isEqualTo(1);
    assertThat(ok.getSum()).isPositive();
    assertThat(
            histogram(
                    duration,
                    Attributes.of(UPSTREAM, "slow", METHOD, "tools/call", ERROR_TYPE, "timeout"))
                .getCount())
        .isEqualTo(3);
    MetricData errors = metric(metrics, "mcpkit.gateway.upstream.errors");
    assertThat(
            sum(
                errors,
                Attributes.of(UPSTREAM, "slow", METHOD, "tools/call", ERROR_TYPE, "timeout")))
        .isEqualTo(3);
    assertThat(
            sum(
                errors,
                Attributes.of(UPSTREAM, "slow", METHOD, "tools/call", ERROR_TYPE, "breaker_open")))
        .isEqualTo(1);
    assertThat(
            sum(
                errors,
                Attributes.of(UPSTREAM, "fast", METHOD, "tools/call", ERROR_TYPE, "jsonrpc_error")))
        .isEqualTo(1);
    MetricData sessions = metric(metrics, "mcpkit.gateway.upstream.sessions");
    assertThat(sum(sessions, Attributes.of(UPSTREAM, "fast"))).isEqualTo(1);
    assertThat(sum(sessions, Attributes.of(UPSTREAM, "slow"))).isEqualTo(1);
    MetricData breakers = metric(metrics, "mcpkit.gateway.upstream.breaker.state");
    assertThat(gauge(breakers, Attributes.of(UPSTREAM, "fast", BREAKER, "closed"))).isEqualTo(1);
    assertThat(gauge(breakers, Attributes.of(UPSTREAM, "slow", BREAKER, "open"))).isEqualTo(1);
    assertThat(gauge(breakers, Attributes.of(UPSTREAM, "slow", BREAKER, "closed"))).isZero();

    // The hop: the gateway's CLIENT span is the client's child, the upstream's SERVER span its.
    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData hop =
        finished.stream()
            .filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("tools/call echo"))
            .findFirst()
            .orElseThrow();
    assertThat(hop)
        .hasTraceId(CLIENT_TRACE)
        .hasParentSpanId(CLIENT_SPAN)
        .hasAttribute(UPSTREAM, "fast")
        .hasAttribute(METHOD, "tools/call");
    SpanData upstreamSpan =
        finished.stream()
            .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().equals("tools/call echo"))
            .findFirst()
            .orElseThrow();
    assertThat(upstreamSpan).hasTraceId(CLIENT_TRACE).hasParentSpanId(hop.getSpanId());
    assertThat(upstreamSpan.getSpanContext().getTraceState().get("vendor")).isEqualTo("opaque");

    client.close(); // DELETE at the gateway closes the upstream sessions
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              MetricData after =
                  metric(reader.collectAllMetrics(), "mcpkit.gateway.upstream.sessions");
              assertThat(sum(after, Attributes.of(UPSTREAM, "fast"))).isZero();
              assertThat(sum(after, Attributes.of(UPSTREAM, "slow"))).isZero();
            });
  }

  private static MetricData metric(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
  }

  private static HistogramPointData histogram(MetricData metric, Attributes attributes) {
    return metric.getHistogramData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no point " + attributes + " in " + metric));
  }

  private static long sum(MetricData metric, Attributes attributes) {
    return metric.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  private static long gauge(MetricData metric, Attributes attributes) {
    return metric.getLongGaugeData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToLong(LongPointData::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no point " + attributes + " in " + metric));
  }
}
