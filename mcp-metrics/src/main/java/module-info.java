/**
 * OpenTelemetry instrumentation of mcpkit: {@link dev.mcpkit.metrics.McpMetrics} turns the listener
 * and observer SPIs of {@code dev.mcpkit.api} into instruments named by the OpenTelemetry semantic
 * conventions for MCP and HTTP. Uses the OpenTelemetry API only; the SDK (and an exporter such as
 * Prometheus) is wired by the application.
 */
module dev.mcpkit.metrics {
  requires transitive dev.mcpkit.api;
  // OpenTelemetry and Meter appear in McpMetrics' factory signatures.
  requires transitive io.opentelemetry.api;
  // Context and the W3C propagator's carrier getter (trace context read from params._meta).
  requires io.opentelemetry.context;
  requires static org.jspecify;
  // Only GatewayTelemetry reads the gateway (its observer SPI); an application without the gateway
  // never loads that class.
  requires static dev.mcpkit.gateway;

  exports dev.mcpkit.metrics;
}
