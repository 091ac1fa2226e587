package dev.mcpkit.gateway;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.Authenticator;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An mcpkit server on a free loopback port standing in for an upstream: an {@code echo} tool that
 * answers with the upstream's name, a {@code slow} tool that waits until released, a {@code greet}
 * prompt, a {@code motd} resource, and a record of every session it closed and why.
 */
final class TestUpstream implements AutoCloseable {
  static final JsonNode SCHEMA =
      JsonMapper.builder()
          .build()
          .readTree("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}");

  final String name;
  final SessionManager sessions;
  final McpHttpServer server;
  final List<CloseReason> closed = new CopyOnWriteArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);
  final McpEngine engine;

  TestUpstream(String name, String extraTool) {
    this(name, extraTool, 0, Authenticator.none());
  }

  /**
   * @param many how many more tools, {@code t0}, {@code t1}, ..., to offer
   * @param authenticator who may call
   */
  TestUpstream(String name, String extraTool, int many, Authenticator authenticator) {
    this(name, extraTool, many, 0, server -> server.authenticator(authenticator));
  }

  /**
   * @param port the port, 0 for a free one
   * @param protect sets who may call on the server's builder
   */
  TestUpstream(
      String name,
      String extraTool,
      int many,
      int port,
      UnaryOperator<McpHttpServer.Builder> protect) {
    this.name = name;
    this.sessions =
        SessionManagers.builder()
            .listener(
                event -> {
                  if (event.to() == SessionState.CLOSED) {
                    closed.add(event.closeReason());
                  }
                })
            .build();
    McpServerConfig.Builder builder =
        McpServerConfig.builder()
            .serverInfo(name, "1.0.0")
            .instructions("Upstream " + name + ".")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes with the upstream's name.",
                    SCHEMA,
                    (arguments, ctx) ->
                        ToolResult.text(name + ": " + arguments.path("text").asString(""))))
            .tool(
                Tool.of(
                    "slow",
                    "Waits until the test releases it.",
                    SCHEMA,
                    (arguments, ctx) -> {
                      try {
                        release.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return ToolResult.text(name + ": slow");
                    }))
            .tool(
                Tool.of(
                    extraTool,
                    "Only on " + name + ".",
                    SCHEMA,
                    (arguments, ctx) -> ToolResult.text(name + ": " + extraTool)));
    builder.prompt(
        Prompt.of(
            "greet",
            "Greets in the upstream's name.",
            List.of(),
            (arguments, ctx) -> PromptResult.of(PromptMessage.user("hello from " + name))));
    builder.resource(
        Resource.text(
            "test://" + name + "/motd",
            "motd",
            "Message of the day.",
            "text/plain",
            () -> "from " + name));
    for (int i = 0; i < many; i++) {
      builder.tool(Tool.of("t" + i, "Tool " + i + ".", SCHEMA, (a, ctx) -> ToolResult.text("t")));
    }
    this.engine = McpEngines.create(builder.build(), sessions);
    this.server =
        protect.apply(McpHttpServer.builder().engine(engine).host("127.0.0.1").port(port)).build();
    server.start();
  }

  URI endpoint() {
    return server.endpoint();
  }

  UpstreamConfig config() {
    return UpstreamConfig.http(name, endpoint());
  }

  @Override
  public void close() {
    release.countDown();
    server.close();
    sessions.close();
  }
}
