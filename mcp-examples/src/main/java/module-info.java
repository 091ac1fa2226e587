/** Runnable examples of mcpkit; {@code HelloServer} is the smallest MCP server. */
module dev.mcpkit.examples {
  requires dev.mcpkit.session;
  requires dev.mcpkit.transport.jetty;
  requires dev.mcpkit.transport.stdio;
  requires dev.mcpkit.metrics;
  requires dev.mcpkit.store.redis;
  requires dev.mcpkit.auth;
  requires dev.mcpkit.gateway;
  // /metrics, the SDK and autoconfigure (and, through it, the exporter's modules).
  requires dev.mcpkit.metrics.prometheus;
  // The tests build SDKs of their own with in-memory readers and exporters.
  requires io.opentelemetry.sdk;
  requires io.opentelemetry.sdk.metrics;
  requires io.opentelemetry.sdk.trace;
  requires static org.jspecify;
  // Typed tools (HelloServer, the everything server's add_numbers): mcpkit reaches the tool
  // methods and Jackson the argument and result records, as the dev.mcpkit.tools docs ask.
  requires dev.mcpkit.tools;

  opens dev.mcpkit.examples to
      dev.mcpkit.tools,
      tools.jackson.databind;
}
