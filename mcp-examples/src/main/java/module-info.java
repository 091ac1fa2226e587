/** Runnable examples of mcpkit; {@code HelloServer} is the smallest MCP server. */
module dev.mcpkit.examples {
  requires dev.mcpkit.session;
  requires dev.mcpkit.transport.jetty;
  requires dev.mcpkit.transport.stdio;
  requires dev.mcpkit.metrics;
  requires dev.mcpkit.store.redis;
  requires dev.mcpkit.auth;
  requires dev.mcpkit.gateway;
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.metrics;
  requires io.opentelemetry.sdk.autoconfigure;
  requires io.opentelemetry.sdk.autoconfigure.spi;
  // The OpenTelemetry jars are automatic modules that require nothing, and the Prometheus
  // exporter's
  // descriptor does not require the SDK parts nor the Prometheus model it uses: requiring them here
  // puts them all on the module path (where automatic modules read each other) for every launcher.
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
  // Typed tools (HelloServer, the everything server's add_numbers): mcpkit reaches the tool
  // methods and Jackson the argument and result records, as the dev.mcpkit.tools docs ask.
  requires dev.mcpkit.tools;

  opens dev.mcpkit.examples to
      dev.mcpkit.tools,
      tools.jackson.databind;
}
