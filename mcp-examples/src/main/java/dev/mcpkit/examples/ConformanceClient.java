package dev.mcpkit.examples;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.net.URI;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client program the official MCP conformance suite drives ({@code conformance client --command
 * ...}): the suite starts a server of its own for each client scenario, appends its URL as the last
 * argument and names the scenario in the {@code MCP_CONFORMANCE_SCENARIO} environment variable
 * (some scenarios add a JSON {@code MCP_CONFORMANCE_CONTEXT}, and 0.2.0 of the suite names the
 * protocol revision to speak in {@code MCP_CONFORMANCE_PROTOCOL_VERSION}). Built on {@link
 * McpHttpClient}; started from the built jars on the module path like every example:
 *
 * <pre>
 * MCP_CONFORMANCE_SCENARIO=tools_call ./run-example ConformanceClient http://localhost:3000/mcp
 * </pre>
 *
 * <p>{@code interop/run-conformance-client.sh} runs every client scenario of the suite against it
 * ({@code ConformanceClientSuiteIT} in the build).
 *
 * <p>Scenarios named {@code auth/...} are played by {@link ConformanceAuth}, the others by {@link
 * ConformanceScenarios}. Exits 0 when the scenario's steps succeed, 1 when one fails (with the
 * reason on standard error), 2 on a usage error.
 */
public final class ConformanceClient {
  private ConformanceClient() {}

  /**
   * Plays one scenario.
   *
   * @param args the server URL as the last argument
   */
  public static void main(String[] args) {
    String scenario = System.getenv().getOrDefault("MCP_CONFORMANCE_SCENARIO", "");
    if (args.length == 0 || scenario.isBlank()) {
      System.err.println(
          "usage: MCP_CONFORMANCE_SCENARIO=NAME ConformanceClient [ARGS...] SERVER_URL");
      System.exit(2);
    }
    URI server = URI.create(args[args.length - 1]);
    McpHttpClient.Builder client =
        McpHttpClient.builder(server).clientInfo("mcpkit-conformance-client", "1.0");
    // The revision the suite runs the scenario at (0.2.0 sets it; 0.1.16 runs every scenario at
    // the client's latest session-based revision, the builder's default).
    String revision = System.getenv().getOrDefault("MCP_CONFORMANCE_PROTOCOL_VERSION", "");
    if (!revision.isBlank()) {
      client.protocolVersion(
          ProtocolVersion.fromWireName(revision)
              .orElseThrow(
                  () -> new IllegalArgumentException("unknown protocol version: " + revision)));
    }
    try {
      if (scenario.startsWith("auth/")) {
        ConformanceAuth.play(scenario, server, client, context());
      } else {
        ConformanceScenarios.play(scenario, server, client, context());
      }
    } catch (RuntimeException e) {
      System.err.println("conformance-client: " + scenario + " failed: " + e);
      System.exit(1);
    }
    System.exit(0);
  }

  /**
   * The scenario's {@code MCP_CONFORMANCE_CONTEXT} (client ids, secrets or tool calls, depending on
   * the scenario), or an empty object when there is none.
   */
  static JsonNode context() {
    String context = System.getenv("MCP_CONFORMANCE_CONTEXT");
    return context == null || context.isBlank()
        ? JsonMapper.builder().build().createObjectNode()
        : JsonMapper.builder().build().readTree(context);
  }
}
