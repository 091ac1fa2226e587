package dev.mcpkit.examples;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.tools.Description;
import dev.mcpkit.tools.McpTool;
import dev.mcpkit.transport.jetty.McpHttpServer;

/**
 * The smallest mcpkit server: one typed tool, {@code greet}, over Streamable HTTP with in-memory
 * sessions. The tool is a method; its input schema ({@code name}, a required string) and output
 * schema ({@code message}) are generated from the method's parameter and return types, and the
 * engine validates the arguments before the method runs.
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

  /**
   * What {@code greet} returns: its {@code structuredContent}.
   *
   * @param message the greeting
   */
  public record Greeting(String message) {}

  /** The server's tools: each {@link McpTool} method is one. */
  public static final class HelloTools {
    /** Creates the tools. */
    public HelloTools() {}

    /**
     * Greets someone by name.
     *
     * @param name who to greet
     * @return the greeting
     */
    @McpTool(description = "Greets someone by name.")
    public Greeting greet(@Description("Who to greet") String name) {
      if (name.isBlank()) {
        // Becomes an isError result with this message; the model may call again.
        throw new IllegalArgumentException("greet needs a non-empty name");
      }
      return new Greeting("Hello, " + name.strip() + "!");
    }
  }

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
        .tools(new HelloTools())
        .build();
  }

  /**
   * Starts the server and blocks until the process ends.
   *
   * @param args {@code --host HOST}, {@code --port PORT} and {@code --idle-timeout SECONDS}, or
   *     {@code --stdio} to serve on standard input and output; {@code --protocol
   *     sessions|stateless} serves one protocol generation only (default: both)
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
    McpEngine engine =
        McpEngines.builder(config(), sessions)
            .generations(options.generations().toArray(McpEngines.Generation[]::new))
            .build();
    if (options.stdio()) {
      StdioServing.serve(engine, sessions);
      return;
    }
    McpHttpServer server =
        McpHttpServer.builder().host(options.host()).port(options.port()).engine(engine).build();
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
