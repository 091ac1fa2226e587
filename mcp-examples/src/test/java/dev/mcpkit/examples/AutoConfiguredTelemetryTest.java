package dev.mcpkit.examples;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.metrics.McpMetrics;
import dev.mcpkit.metrics.McpTracing;
import dev.mcpkit.transport.jetty.McpHttpClient;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's wiring, run: the EverythingServer builds OpenTelemetry with autoconfigure, traces
 * each request as a child of the instrumented client's span (trace context in {@code
 * params._meta}), and serves its metrics at {@code /metrics}; the client records its own metrics.
 */
class AutoConfiguredTelemetryTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void theExampleTracesRequestsFromAnInstrumentedClientAndExportsMetrics() throws Exception {
    InMemorySpanExporter serverSpans = InMemorySpanExporter.create();
    InMemorySpanExporter clientSpans = InMemorySpanExporter.create();
    InMemoryMetricReader clientReader = InMemoryMetricReader.create();
    OpenTelemetrySdk clientOtel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(clientSpans))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(clientReader).build())
            .build();
    try (EverythingServer server =
            EverythingServer.startWithTelemetry(
                "127.0.0.1",
                0,
                builder ->
                    builder.addTracerProviderCustomizer(
                        (tracerProvider, config) ->
                            tracerProvider.addSpanProcessor(
                                SimpleSpanProcessor.create(serverSpans))));
        clientOtel) {
      McpMetrics clientMetrics = McpMetrics.create(clientOtel);
      McpClientObserver observer =
          McpTracing.create(clientOtel).clientObserver(clientMetrics.clientObserver());
      try (McpClient client =
          McpHttpClient.builder(server.endpoint())
              .observer(observer)
              .httpObserver(clientMetrics.httpClientObserver())
              .build()) {
        assertThat(client.callTool("test_simple_text", JSON.createObjectNode()).isError())
            .isFalse();
      }

      SpanData clientCall = span(clientSpans.getFinishedSpanItems(), "tools/call test_simple_text");
      SpanData serverCall = span(serverSpans.getFinishedSpanItems(), "tools/call test_simple_text");
      assertThat(clientCall).hasKind(SpanKind.CLIENT);
      assertThat(serverCall)
          .hasKind(SpanKind.SERVER)
          .hasTraceId(clientCall.getTraceId())
          .hasParentSpanId(clientCall.getSpanId());
      assertThat(
              serverCall
                  .getResource()
                  .getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")))
          .isEqualTo("mcpkit-everything-server");
      assertThat(clientReader.collectAllMetrics())
          .extracting(m -> m.getName())
          .contains(
              "mcp.client.operation.duration",
              "mcp.client.session.duration",
              "http.client.request.duration");

      HttpResponse<String> scrape =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(server.metricsEndpoint()).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body())
          .containsPattern(
              "mcp_server_operation_duration_seconds_count\\{[^}]*gen_ai_tool_name=\"test_simple_text\""
                  + "[^}]*network_protocol_version=\"1\\.1\"[^}]*} 1")
          .contains("target_info{service_name=\"mcpkit-everything-server\"");
    }
  }

  private static SpanData span(List<SpanData> spans, String name) {
    return spans.stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
  }
}
