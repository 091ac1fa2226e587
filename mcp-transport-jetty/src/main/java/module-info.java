/**
 * MCP Streamable HTTP on Jetty 12 core handlers: {@link dev.mcpkit.transport.jetty.McpHttpServer}
 * serves an {@link dev.mcpkit.api.server.McpEngine}. Only {@code dev.mcpkit.transport.jetty} is
 * exported; the handler lives in a non-exported {@code internal} package.
 */
module dev.mcpkit.transport.jetty {
  requires transitive dev.mcpkit.api;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.alpn.server;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.mcpkit.transport.jetty;
}
