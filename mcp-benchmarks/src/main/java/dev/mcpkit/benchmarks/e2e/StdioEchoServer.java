package dev.mcpkit.benchmarks.e2e;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.transport.stdio.McpStdioServer;

/**
 * The mcpkit echo server ({@link McpkitEchoServer#echoConfig()}) on the stdio transport: the
 * upstream the proxies of the gateway comparison expose over Streamable HTTP, started by them as a
 * child process ({@link StdioCommands#mcpkitEcho()}). Serves standard input until it ends; logs go
 * to standard error.
 */
public final class StdioEchoServer {
  private StdioEchoServer() {}

  /**
   * Serves the echo tool on standard input and output until the input ends.
   *
   * @param args none
   */
  public static void main(String[] args) {
    try (SessionManager sessions = McpkitEchoServer.sessions();
        McpStdioServer server =
            McpStdioServer.builder(McpEngines.create(McpkitEchoServer.echoConfig(), sessions))
                .build()) {
      server.serve();
    }
    System.exit(0);
  }
}
