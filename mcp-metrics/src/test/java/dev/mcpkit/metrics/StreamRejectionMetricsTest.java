package dev.mcpkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The transport's SSE stream limits reach the metrics: a stream refused over a real server is
 * counted as {@code too_many_streams}, and a slow consumer cut off as {@code slow_consumer}.
 */
class StreamRejectionMetricsTest {
  private static final String VERSION = "2025-11-25";
  private static final AttributeKey<String> REASON =
      AttributeKey.stringKey("mcpkit.sse.rejection_reason");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aStreamRefusedByTheClientLimitIsCounted() throws Exception {
    try (SdkMeterProvider provider =
            SdkMeterProvider.builder().registerMetricReader(reader).build();
        SessionManager sessions = SessionManagers.builder().build()) {
      McpMetrics metrics = McpMetrics.create(provider.get(McpMetrics.INSTRUMENTATION_SCOPE));
      McpServerConfig config = McpServerConfig.builder().serverInfo("limits", "1").build();
      try (McpHttpServer server =
          McpHttpServer.builder()
              .engine(McpEngines.create(config, sessions))
              .port(0)
              .maxStreamsPerClient(1)
              .observer(metrics.httpServerObserver())
              .build()) {
        server.start();
        URI endpoint = server.endpoint();
        HttpResponse<InputStream> stream = get(endpoint, initialize(endpoint));
        assertThat(stream.statusCode()).isEqualTo(200);

        // The client's one stream is open: another session's GET from it is refused.
        HttpResponse<InputStream> second = get(endpoint, initialize(endpoint));
        assertThat(second.statusCode()).isEqualTo(429);
        second.body().close();
        assertThat(rejected("too_many_streams")).isEqualTo(1);
        stream.body().close();
      }
    }
  }

  @Test
  void aSlowConsumerCutOffIsCounted() {
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      McpMetrics metrics = McpMetrics.create(provider.get(McpMetrics.INSTRUMENTATION_SCOPE));
      metrics.httpServerObserver().sseStreamOverflowed();
      metrics.httpServerObserver().sseStreamOverflowed();
      assertThat(rejected("slow_consumer")).isEqualTo(2);
    }
  }

  private HttpResponse<InputStream> get(URI endpoint, String session) throws Exception {
    return http.send(
        HttpRequest.newBuilder(endpoint)
            .GET()
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", session)
            .header("MCP-Protocol-Version", VERSION)
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private long rejected(String reason) {
    MetricData metric =
        reader.collectAllMetrics().stream()
            .filter(m -> m.getName().equals("mcpkit.server.sse.rejected"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("mcpkit.server.sse.rejected not recorded"));
    return metric.getLongSumData().getPoints().stream()
        .filter(p -> p.getAttributes().equals(Attributes.of(REASON, reason)))
        .mapToLong(LongPointData::getValue)
        .sum();
  }

  private String initialize(URI endpoint) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\""
                            + VERSION
                            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                            + "\"version\":\"1\"}}}"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    String session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> initialized =
        http.send(
            HttpRequest.newBuilder(endpoint)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", session)
                .header("MCP-Protocol-Version", VERSION)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(initialized.statusCode()).isEqualTo(202);
    return session;
  }
}
