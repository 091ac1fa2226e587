/**
 * MCP Streamable HTTP on Jetty 12 core handlers: {@link dev.mcpkit.transport.jetty.McpHttpServer}
 * serves an {@link dev.mcpkit.api.server.McpEngine} over HTTP/1.1 and h2c, or TLS with ALPN h2 (the
 * JDK's ALPN through {@code jetty-alpn-java-server}, found as a service at run time), with a
 * pluggable {@link dev.mcpkit.transport.jetty.Authenticator}. Only {@code
 * dev.mcpkit.transport.jetty} is exported; the handler lives in a non-exported {@code internal}
 * package. The client reads and writes JSON-RPC with the engine's codec and mirrors tool arguments
 * into headers by the engine's rule, both from {@code dev.mcpkit.codec} (module {@code mcp-codec});
 * the transport does not depend on the engine.
 */
module dev.mcpkit.transport.jetty {
  requires transitive dev.mcpkit.api;
  requires dev.mcpkit.codec;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.util;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.alpn.server;
  requires org.eclipse.jetty.client;
  requires org.eclipse.jetty.http2.client;
  requires org.eclipse.jetty.http2.client.transport;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.mcpkit.transport.jetty;
}
