package dev.mcpkit.examples;

import dev.mcpkit.metrics.McpMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * mcpkit's metrics exported in the Prometheus text format: the OpenTelemetry SDK with its Prometheus
 * metric reader, wired here (the application) and not in the libraries. {@link #export()} returns
 * what a scrape of {@code /metrics} returns, for embedding in any HTTP server. Thread-safe.
 *
 * {@snippet :
 * PrometheusMetrics prometheus = PrometheusMetrics.create("my-mcp-server");
 * McpMetrics metrics = prometheus.metrics();   // hand its listener/observers to sessions, engine, server
 * builder.textEndpoint("/metrics", PrometheusMetrics.CONTENT_TYPE, prometheus::export);
 * }
 */
public final class PrometheusMetrics implements AutoCloseable {
  /** The {@code Content-Type} of {@link #export()}: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusMetricReader reader;
  private final SdkMeterProvider meterProvider;
  private final McpMetrics metrics;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private PrometheusMetrics(String serviceName) {
    this.reader = PrometheusMetricReader.create();
    Resource resource = Resource.getDefault().merge(
        Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
    this.meterProvider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader).build();
    this.metrics = McpMetrics.create(OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
  }

  /**
   * Creates an SDK meter provider read by a Prometheus reader, and mcpkit's instruments on it.
   *
   * @param serviceName the {@code service.name} of the resource ({@code target_info} in the scrape)
   * @return the exporter; close it to shut the meter provider down
   */
  public static PrometheusMetrics create(String serviceName) {
    return new PrometheusMetrics(java.util.Objects.requireNonNull(serviceName, "serviceName"));
  }

  /**
   * Returns mcpkit's instruments, recorded into this exporter.
   *
   * @return the metrics
   */
  public McpMetrics metrics() {
    return metrics;
  }

  /**
   * Collects every metric now and renders it in the Prometheus text format.
   *
   * @return the exposition, UTF-8 text
   */
  public String export() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      writer.write(out, reader.collect());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    meterProvider.close();
  }
}
