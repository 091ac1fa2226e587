/** MCP Streamable HTTP on Jetty 12 (server and client). Arrives with its issue; the layout exists. */
module dev.mcpkit.transport.jetty {
  requires transitive dev.mcpkit.api;
  requires org.slf4j;
}
