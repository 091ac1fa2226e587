/** Runnable examples of mcpkit; {@code HelloServer} is the smallest MCP server. */
module dev.mcpkit.examples {
  requires dev.mcpkit.session;
  requires dev.mcpkit.transport.jetty;
  requires static org.jspecify;
}
