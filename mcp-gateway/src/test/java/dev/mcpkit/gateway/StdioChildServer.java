package dev.mcpkit.gateway;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.stdio.McpStdioServer;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An mcpkit server on the stdio transport, run as a child JVM ({@link #command()}) behind the
 * gateway: {@code echo}, {@code whoami} (its pid, working directory and {@code $GREETING}), {@code
 * progress} (three steps), {@code ask} (asks the client for a sampling answer) and {@code hang}
 * (reports progress once, then never answers).
 */
final class StdioChildServer {
  private static final JsonNode ANY_OBJECT =
      JsonNodeFactory.instance.objectNode().put("type", "object");

  private StdioChildServer() {}

  /** The command line of a child JVM running {@link #main} on this test's paths. */
  static List<String> command() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        path.add(value);
      }
    }
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-Xshare:auto",
        "-cp",
        String.join(File.pathSeparator, path),
        StdioChildServer.class.getName());
  }

  static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("stdio-child", "1.0.0")
        .instructions("A child on stdio.")
        .tool(
            Tool.of(
                "echo",
                "Echoes text.",
                ANY_OBJECT,
                (args, ctx) -> ToolResult.text("child: " + args.path("text").asString(""))))
        .tool(
            Tool.of(
                "whoami",
                "Tells its pid, working directory and $GREETING.",
                ANY_OBJECT,
                (args, ctx) ->
                    ToolResult.text(
                        ProcessHandle.current().pid()
                            + " "
                            + Path.of("").toAbsolutePath()
                            + " "
                            + System.getenv("GREETING"))))
        .tool(
            Tool.of(
                "progress",
                "Reports three steps.",
                ANY_OBJECT,
                (args, ctx) -> {
                  for (int i = 1; i <= 3; i++) {
                    ctx.progress(i, 3.0, "step " + i);
                  }
                  return ToolResult.text("done");
                }))
        .tool(
            Tool.of(
                "hang",
                "Reports progress once, then never answers.",
                ANY_OBJECT,
                (args, ctx) -> {
                  ctx.progress(1, "hanging");
                  new java.util.concurrent.CountDownLatch(1).await();
                  return ToolResult.text("unreachable");
                }))
        .tool(
            Tool.of(
                "ask",
                "Asks the client for a sampling answer.",
                ANY_OBJECT,
                (args, ctx) -> {
                  ObjectNode params = JsonNodeFactory.instance.objectNode();
                  params
                      .putArray("messages")
                      .addObject()
                      .put("role", "user")
                      .putObject("content")
                      .put("type", "text")
                      .put("text", args.path("text").asString(""));
                  params.put("maxTokens", 10);
                  JsonNode answer =
                      ctx.request("sampling/createMessage", params, Duration.ofSeconds(20));
                  return ToolResult.text("client said: " + answer.at("/content/text").asString(""));
                }))
        .build();
  }

  /**
   * Serves on this process's stdin and stdout until stdin ends.
   *
   * @param args none
   */
  public static void main(String[] args) {
    PrintStream protocol = System.out;
    System.setOut(System.err); // stdout is the protocol
    System.err.println("stdio child server starting");
    SessionManager sessions = SessionManagers.builder().build();
    McpStdioServer.builder(McpEngines.create(config(), sessions))
        .output(protocol)
        .drainTimeout(Duration.ofMillis(500))
        .build()
        .serve();
    sessions.close();
  }
}
