/**
 * The MCP gateway: one MCP endpoint in front of many MCP servers. Clients hold sessions at the
 * gateway, served by mcpkit's engine; each client session owns one session per upstream server,
 * opened lazily through an MCP client, so the upstreams' tools, resources and prompts reach the
 * client as if it spoke to them, under per-upstream names when there are several.
 */
module dev.mcpkit.gateway {
  requires transitive dev.mcpkit.api;
  requires transitive dev.mcpkit.session;
  // GatewayAuth.install takes the server's builder.
  requires transitive dev.mcpkit.transport.jetty;
  // The OAuth resource server at the edge, the OAuth client toward upstreams.
  requires dev.mcpkit.auth;
  // Rate limits: token buckets, kept in a bounded cache.
  requires io.github.bucket4j.core;
  requires com.github.benmanes.caffeine;
  requires dev.mcpkit.transport.stdio;
  requires tools.jackson.databind;
  requires tools.jackson.dataformat.yaml;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.mcpkit.gateway;
  // Tapes: their settings, counters and the check against a live server.
  exports dev.mcpkit.gateway.tape;
}
