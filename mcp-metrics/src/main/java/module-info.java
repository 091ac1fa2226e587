/** OpenTelemetry instrumentation of mcpkit. Arrives with its issue; the layout exists. */
module dev.mcpkit.metrics {
  requires transitive dev.mcpkit.api;
  requires io.opentelemetry.api;
}
