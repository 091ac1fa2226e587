/**
 * The mcpkit session engine: a lock-striped session table with lock-free lookup and touch, expiry
 * by a timing wheel, admission control, graceful shutdown, a bounded virtual-thread executor and
 * the in-memory session store.
 *
 * <p>Only {@code dev.mcpkit.session} is exported: the factories {@link
 * dev.mcpkit.session.SessionManagers} and {@link dev.mcpkit.session.BoundedExecutors}. Everything
 * else lives in non-exported {@code internal} packages. The JSON-RPC codec and the {@code
 * x-mcp-header} schema walk come from {@code dev.mcpkit.codec} (module {@code mcp-codec}), which
 * the client in {@code dev.mcpkit.transport.jetty} shares.
 */
module dev.mcpkit.session {
  requires transitive dev.mcpkit.api;
  requires dev.mcpkit.codec;
  requires org.slf4j;
  // Validates the arguments of every tool call against the tool's inputSchema.
  requires com.networknt.schema;
  requires static org.jspecify;

  exports dev.mcpkit.session;
}
