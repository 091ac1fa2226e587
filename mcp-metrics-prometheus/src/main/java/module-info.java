/**
 * mcpkit's metrics in the Prometheus text format: {@link
 * dev.mcpkit.metrics.prometheus.PrometheusMetrics} builds the OpenTelemetry SDK with its Prometheus
 * reader and serves {@code /metrics} on an {@code McpHttpServer}.
 */
module dev.mcpkit.metrics.prometheus {
  // McpMetrics and McpTracing are returned by PrometheusMetrics.
  requires transitive dev.mcpkit.metrics;
  // McpHttpServer.Builder is taken by PrometheusMetrics.serveOn.
  requires transitive dev.mcpkit.transport.jetty;
  // The autoconfigure builder is taken by PrometheusMetrics.autoConfigured's customizer.
  requires transitive io.opentelemetry.sdk.autoconfigure;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.metrics;
  requires io.opentelemetry.sdk.autoconfigure.spi;
  // The OpenTelemetry jars are automatic modules that require nothing, and the Prometheus
  // exporter's descriptor does not require the SDK parts nor the Prometheus model it uses:
  // requiring them here puts them all on the module path (where automatic modules read each
  // other) for every application that requires this module.
  requires io.opentelemetry.common;
  requires io.opentelemetry.context;
  requires io.opentelemetry.sdk.common;
  requires io.opentelemetry.sdk.trace;
  requires io.opentelemetry.sdk.logs;
  requires io.opentelemetry.exporter.prometheus;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  requires io.prometheus.metrics.config;
  requires static org.jspecify;

  exports dev.mcpkit.metrics.prometheus;
}
