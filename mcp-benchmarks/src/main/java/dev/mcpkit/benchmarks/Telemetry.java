package dev.mcpkit.benchmarks;

import dev.mcpkit.metrics.McpMetrics;
import dev.mcpkit.metrics.McpTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * A real OpenTelemetry SDK for the overhead runs: a meter provider whose reader is registered (so
 * every measurement is aggregated, as under a Prometheus or OTLP reader) and, when tracing, a
 * tracer provider that samples every span and hands it to an exporter that drops it (span creation,
 * context propagation and ending are paid; the export is not, it runs off the request path in
 * production).
 */
final class Telemetry implements AutoCloseable {
  private final OpenTelemetrySdk sdk;
  private final McpMetrics metrics;
  private final McpTracing tracing;

  private Telemetry(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
    this.metrics = McpMetrics.create(sdk);
    this.tracing = McpTracing.create(sdk);
  }

  /**
   * Creates the SDK.
   *
   * @param traces whether spans are recorded too
   * @return the telemetry
   */
  static Telemetry create(boolean traces) {
    var builder =
        OpenTelemetrySdk.builder()
            .setMeterProvider(
                SdkMeterProvider.builder().registerMetricReader(new RegisteredReader()).build());
    if (traces) {
      builder.setTracerProvider(
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(new DroppingExporter()))
              .build());
    }
    return new Telemetry(builder.build());
  }

  McpMetrics metrics() {
    return metrics;
  }

  McpTracing tracing() {
    return tracing;
  }

  @Override
  public void close() {
    sdk.close();
  }

  /** A reader that registers and never collects: the SDK aggregates as it would for any reader. */
  private static final class RegisteredReader implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {}

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public MemoryMode getMemoryMode() {
      return MemoryMode.REUSABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Accepts every span and keeps none. */
  private static final class DroppingExporter implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
