package dev.mcpkit.metrics.prometheus;

import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.metrics.McpMetrics;
import dev.mcpkit.metrics.McpTracing;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * mcpkit's metrics exported in the Prometheus text format: the OpenTelemetry SDK with its
 * Prometheus metric reader, mcpkit's instruments and spans on it, and {@code /metrics} on an {@link
 * McpHttpServer} in one line ({@link #serveOn(McpHttpServer.Builder)}). {@link #export()} returns
 * what a scrape returns, for embedding in any other HTTP server. Thread-safe.
 *
 * <p>{@link #autoConfigured(String)} builds the SDK with OpenTelemetry's autoconfigure module, so
 * the standard {@code OTEL_*} environment variables (or {@code otel.*} system properties) choose
 * the trace exporter, sampler and resource; the Prometheus reader is added to whatever it
 * configures. {@link #create(String)} builds a meter provider only.
 *
 * {@snippet :
 * PrometheusMetrics prometheus = PrometheusMetrics.autoConfigured("my-mcp-server");
 * SessionManager sessions =
 *     SessionManagers.builder().listener(prometheus.metrics().sessionListener()).build();
 * McpEngine engine =
 *     McpEngines.builder(config, sessions).observer(prometheus.serverObserver()).build();
 * McpHttpServer server = prometheus.serveOn(McpHttpServer.builder().engine(engine)).build();
 * }
 */
public final class PrometheusMetrics implements AutoCloseable {
  /** Where {@link #serveOn(McpHttpServer.Builder)} serves the scrape. */
  public static final String PATH = "/metrics";

  /** The {@code Content-Type} of {@link #export()}: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

  private final PrometheusMetricReader reader;
  private final OpenTelemetrySdk sdk;
  private final McpMetrics metrics;
  private final McpTracing tracing;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  private PrometheusMetrics(PrometheusMetricReader reader, OpenTelemetrySdk sdk) {
    this.reader = reader;
    this.sdk = sdk;
    this.metrics = McpMetrics.create(sdk);
    this.tracing = McpTracing.create(sdk);
  }

  /**
   * Creates an SDK meter provider read by a Prometheus reader, and mcpkit's instruments on it; no
   * tracer provider ({@link #tracing()} then records nothing).
   *
   * @param serviceName the {@code service.name} of the resource ({@code target_info} in the scrape)
   * @return the exporter; close it to shut the SDK down
   */
  public static PrometheusMetrics create(String serviceName) {
    Objects.requireNonNull(serviceName, "serviceName");
    PrometheusMetricReader reader = PrometheusMetricReader.create();
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
    SdkMeterProvider meterProvider =
        SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader).build();
    return new PrometheusMetrics(
        reader, OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
  }

  /**
   * Creates the SDK with OpenTelemetry autoconfigure and registers the Prometheus reader on its
   * meter provider. Defaults, each overridden by its {@code OTEL_*} variable or {@code otel.*}
   * property: {@code otel.service.name} = {@code serviceName}, and {@code none} for the metrics
   * exporter (the scrape is the export), the traces exporter and the logs exporter (set {@code
   * OTEL_TRACES_EXPORTER=otlp} to ship spans to a collector).
   *
   * @param serviceName the default {@code service.name}
   * @return the exporter; close it to shut the SDK down
   */
  public static PrometheusMetrics autoConfigured(String serviceName) {
    return autoConfigured(serviceName, UnaryOperator.identity());
  }

  /**
   * Like {@link #autoConfigured(String)}, with a last say over the autoconfigure builder: add a
   * span exporter, a sampler or a resource in code.
   *
   * @param serviceName the default {@code service.name}
   * @param customizer applied to the builder before it builds
   * @return the exporter; close it to shut the SDK down
   */
  public static PrometheusMetrics autoConfigured(
      String serviceName, UnaryOperator<AutoConfiguredOpenTelemetrySdkBuilder> customizer) {
    Objects.requireNonNull(serviceName, "serviceName");
    PrometheusMetricReader reader = PrometheusMetricReader.create();
    AutoConfiguredOpenTelemetrySdkBuilder builder =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(
                () ->
                    Map.of(
                        "otel.service.name", serviceName,
                        "otel.metrics.exporter", "none",
                        "otel.traces.exporter", "none",
                        "otel.logs.exporter", "none"))
            .addMeterProviderCustomizer(
                (meterProvider, config) -> meterProvider.registerMetricReader(reader));
    OpenTelemetrySdk sdk = customizer.apply(builder).build().getOpenTelemetrySdk();
    return new PrometheusMetrics(reader, sdk);
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
   * Returns mcpkit's tracing on the same SDK.
   *
   * @return the tracing
   */
  public McpTracing tracing() {
    return tracing;
  }

  /**
   * Returns the observer to hand to the engine ({@code McpEngines.Builder.observer}): a {@code
   * SERVER} span and the operation metrics for every request.
   *
   * @return the observer
   */
  public McpServerObserver serverObserver() {
    return tracing.serverObserver(metrics.serverObserver());
  }

  /**
   * Serves the scrape at {@link #PATH} on the server being built, and observes its HTTP exchanges
   * ({@code http.server.*} instruments). Sets the builder's {@linkplain
   * McpHttpServer.Builder#observer observer}, replacing one set before.
   *
   * {@snippet :
   * McpHttpServer server = prometheus.serveOn(McpHttpServer.builder().engine(engine)).build();
   * }
   *
   * @param server the server's builder
   * @return the same builder
   * @throws IllegalArgumentException if the builder already serves {@link #PATH}
   */
  public McpHttpServer.Builder serveOn(McpHttpServer.Builder server) {
    Objects.requireNonNull(server, "server");
    return server
        .observer(metrics.httpServerObserver())
        .textEndpoint(PATH, CONTENT_TYPE, this::export);
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
    sdk.close();
  }
}
