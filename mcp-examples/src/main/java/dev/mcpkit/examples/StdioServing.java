package dev.mcpkit.examples;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.transport.stdio.McpStdioServer;
import java.io.PrintStream;

/**
 * How the example servers serve with {@code --stdio}: on standard input and output, until the input
 * ends. Standard output is the protocol, so {@code System.out} is pointed at standard error first:
 * a stray {@code println} lands in the log, not in the middle of a message.
 */
final class StdioServing {
  private StdioServing() {}

  /**
   * Serves the engine until standard input ends, then closes the sessions.
   *
   * @param engine the engine
   * @param sessions its sessions
   */
  static void serve(McpEngine engine, SessionManager sessions) {
    PrintStream protocol = System.out;
    System.setOut(System.err);
    try {
      McpStdioServer.builder(engine).output(protocol).build().serve();
    } finally {
      sessions.close();
    }
  }
}
