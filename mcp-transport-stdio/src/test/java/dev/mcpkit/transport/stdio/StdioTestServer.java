package dev.mcpkit.transport.stdio;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server the stdio tests talk to, in process or as a child JVM ({@link #main}): {@code echo},
 * {@code progress} (three steps), {@code ask} (asks the client for a sampling answer), {@code
 * block} (runs until cancelled), {@code huge} (answers with {@code size} bytes of text) and {@code
 * die} (halts the process in the middle of the call).
 */
final class StdioTestServer {
  static final JsonNode ANY_OBJECT = JsonMapper.builder().build().readTree("{\"type\":\"object\"}");

  /** Counted down when {@code block} starts, and when it is interrupted. */
  static final CountDownLatch BLOCK_STARTED = new CountDownLatch(1);

  static final CountDownLatch BLOCK_INTERRUPTED = new CountDownLatch(1);

  private StdioTestServer() {}

  static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("stdio-test", "1.0.0")
        .tool(
            Tool.of(
                "echo",
                "Echoes text.",
                ANY_OBJECT,
                (args, ctx) -> ToolResult.text("echo: " + args.path("text").asString(""))))
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
                "ask",
                "Asks the client for a sampling answer.",
                ANY_OBJECT,
                (args, ctx) -> {
                  ObjectNode params = JsonNodeFactory.instance.objectNode();
                  params.putArray("messages");
                  params.put("maxTokens", 10);
                  JsonNode answer =
                      ctx.request("sampling/createMessage", params, Duration.ofSeconds(20));
                  return ToolResult.text("client said: " + answer.at("/content/text").asString(""));
                }))
        .tool(
            Tool.of(
                "block",
                "Runs until cancelled.",
                ANY_OBJECT,
                (args, ctx) -> {
                  BLOCK_STARTED.countDown();
                  try {
                    new CountDownLatch(1).await();
                  } catch (InterruptedException e) {
                    BLOCK_INTERRUPTED.countDown();
                    throw e;
                  }
                  return ToolResult.text("unreachable");
                }))
        .tool(
            Tool.of(
                "huge",
                "Answers with size bytes of text.",
                ANY_OBJECT,
                (args, ctx) -> ToolResult.text("x".repeat(args.path("size").asInt(0)))))
        .tool(
            Tool.of(
                "die",
                "Halts the process.",
                ANY_OBJECT,
                (args, ctx) -> {
                  Runtime.getRuntime().halt(3);
                  return ToolResult.text("unreachable");
                }))
        .build();
  }

  static McpEngine engine(SessionManager sessions) {
    return McpEngines.create(config(), sessions);
  }

  static SessionManager sessions(SessionListener... listeners) {
    SessionManagers.Builder builder = SessionManagers.builder();
    for (SessionListener listener : listeners) {
      builder.listener(listener);
    }
    return builder.build();
  }

  /**
   * Serves on this process's stdin and stdout until stdin ends.
   *
   * @param args none
   */
  public static void main(String[] args) {
    PrintStream protocol = System.out;
    System.setOut(System.err); // stdout is the protocol
    System.err.println("stdio test server starting");
    SessionManager sessions = sessions();
    McpStdioServer.builder(engine(sessions))
        .output(protocol)
        .drainTimeout(Duration.ofMillis(500))
        .build()
        .serve();
    sessions.close();
    System.err.println("stdio test server ended");
  }
}
