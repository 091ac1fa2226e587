/** Runnable example servers built on mcpkit; {@code HelloServer} is the smallest. */
module dev.mcpkit.examples {
  requires dev.mcpkit.session;
  requires dev.mcpkit.transport.jetty;
  requires static org.jspecify;
}
