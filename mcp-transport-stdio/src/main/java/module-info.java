/**
 * MCP over standard input and output: newline-delimited JSON-RPC, one message per line. {@link
 * dev.mcpkit.transport.stdio.McpStdioServer} serves an {@link dev.mcpkit.api.server.McpEngine} on a
 * process's stdin/stdout (logs belong on stderr); {@link dev.mcpkit.transport.stdio.McpStdioClient}
 * is an {@link dev.mcpkit.api.client.McpClient} that starts a server as a child process. Only
 * {@code dev.mcpkit.transport.stdio} is exported; the line reader and writer, the server loop and
 * the client's connection live in the non-exported {@code internal} package. Messages are read and
 * written with the codec of {@code dev.mcpkit.codec}; the transport does not depend on the engine.
 */
module dev.mcpkit.transport.stdio {
  requires transitive dev.mcpkit.api;
  requires dev.mcpkit.codec;
  requires org.slf4j;
  requires static org.jspecify;

  // The server and the client; nothing else.
  exports dev.mcpkit.transport.stdio;
}
