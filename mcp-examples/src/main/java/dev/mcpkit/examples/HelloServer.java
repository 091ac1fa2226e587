package dev.mcpkit.examples;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The smallest mcpkit server: one tool, {@code greet}, over Streamable HTTP with in-memory
 * sessions.
 *
 * <pre>
 * ./mvnw -q -pl mcp-examples -am compile exec:java -Dexec.args="--port 8080"
 * </pre>
 *
 * <p>With {@code --stdio} it serves on standard input and output instead (and prints nothing on
 * standard output but the protocol). Over HTTP, once it serves, it prints one line, {@code MCP
 * endpoint: http://HOST:PORT/mcp}, on standard output, so scripts can read the URL (useful with
 * {@code --port 0}).
 */
public final class HelloServer {
  private static final JsonNode GREET_SCHEMA =
      JsonMapper.builder()
          .build()
          .readTree(
              """
      {
        "type": "object",
        "properties": {
          "name": { "type": "string", "description": "Who to greet" }
        },
        "required": ["name"]
      }
      """);

  private HelloServer() {}

  /**
   * The server's definition: its name and the {@code greet} tool.
   *
   * @return the configuration
   */
  static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("hello", "1.0.0")
        .instructions("Call greet with a name to get a greeting.")
        .tool(
            Tool.of(
                "greet",
                "Greets someone by name.",
                GREET_SCHEMA,
                (arguments, ctx) -> {
                  String name = arguments.path("name").asString("").strip();
                  return name.isEmpty()
                      ? ToolResult.error("greet needs a non-empty name")
                      : ToolResult.text("Hello, " + name + "!");
                }))
        .build();
  }

  /**
   * Starts the server and blocks until the process ends.
   *
   * @param args {@code --host HOST}, {@code --port PORT} and {@code --idle-timeout SECONDS}, or
   *     {@code --stdio} to serve on standard input and output
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    SessionPolicy.Builder policy = SessionPolicy.builder();
    options.idleTimeoutOption().ifPresent(policy::idleTimeout);
    SessionManager sessions = SessionManagers.builder().policy(policy.build()).build();
    if (options.stdio()) {
      StdioServing.serve(McpEngines.create(config(), sessions), sessions);
      return;
    }
    McpHttpServer server =
        McpHttpServer.builder()
            .host(options.host())
            .port(options.port())
            .engine(McpEngines.create(config(), sessions))
            .build();
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  sessions.close();
                },
                "hello-server-shutdown"));
    System.out.println("MCP endpoint: " + server.endpoint());
    server.join();
  }
}
