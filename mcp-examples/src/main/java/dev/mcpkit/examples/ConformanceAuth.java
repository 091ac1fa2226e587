package dev.mcpkit.examples;

import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;

/** The {@code auth/...} scenarios of the conformance suite, played by {@link ConformanceClient}. */
final class ConformanceAuth {
  private ConformanceAuth() {}

  /**
   * Plays one authorization scenario against the suite's server.
   *
   * @param scenario the scenario's name, {@code auth/...}
   * @param server the URL of the suite's MCP server
   * @param client a client builder for that server, with the client's name set
   * @throws RuntimeException when a step fails
   */
  static void play(String scenario, URI server, McpHttpClient.Builder client) {
    throw new UnsupportedOperationException("no OAuth client yet: " + scenario);
  }
}
