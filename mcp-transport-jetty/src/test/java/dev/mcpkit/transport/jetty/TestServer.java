package dev.mcpkit.transport.jetty;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server on loopback with a real engine and session manager, and tools that exercise the
 * transport: echo, progress over SSE, failure, thread kind, a call that blocks until cancelled, a
 * gate the test opens, a call that closes its SSE stream (polling) and finishes when the test says
 * so, and non-blocking tools ({@code inline-*}) for the fast path.
 */
final class TestServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final int MAX_BODY_BYTES = 64 * 1024;

  final SessionManager sessions = SessionManagers.builder().build();
  final CountDownLatch blockingCallStarted = new CountDownLatch(1);
  final CountDownLatch blockingCallInterrupted = new CountDownLatch(1);
  final AtomicBoolean cancelledFlagSeen = new AtomicBoolean();
  final CountDownLatch gateEntered = new CountDownLatch(1);
  final CountDownLatch gateOpen = new CountDownLatch(1);

  /** {@code poll}: the messages sent while the client was away are out. */
  final CountDownLatch pollAway = new CountDownLatch(1);

  /** {@code poll}: the test lets the call send its last message and return. */
  final CountDownLatch pollFinish = new CountDownLatch(1);

  final McpEngine engine;
  final McpHttpServer server;
  final URI endpoint;

  TestServer() {
    this(builder -> {});
  }

  TestServer(Consumer<McpHttpServer.Builder> customizer) {
    this(Transport.HTTP_1_1, customizer);
  }

  TestServer(Transport transport) {
    this(transport, builder -> {});
  }

  /**
   * A server for the transport (TLS when it needs it), customized after the transport's settings.
   */
  TestServer(Transport transport, Consumer<McpHttpServer.Builder> customizer) {
    JsonNode schema =
        JSON.readTree("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}");
    JsonNode empty = JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("test-server", "1.2.3")
            .instructions("For tests.")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes the message.",
                    schema,
                    (arguments, ctx) -> ToolResult.text(arguments.path("message").asString(""))))
            .tool(
                Tool.of(
                    "progress",
                    "Reports three steps of progress.",
                    empty,
                    (arguments, ctx) -> {
                      for (int i = 1; i <= 3; i++) {
                        ctx.progress(i, 3.0, "step " + i);
                      }
                      ctx.log(LogLevel.INFO, "progress finished");
                      return ToolResult.text("done");
                    }))
            .tool(
                Tool.of(
                    "fail",
                    "Always fails.",
                    empty,
                    (arguments, ctx) -> {
                      throw new IllegalStateException("boom");
                    }))
            .tool(
                Tool.of(
                    "thread",
                    "Tells the kind of thread it runs on.",
                    empty,
                    (arguments, ctx) ->
                        ToolResult.text(
                            Thread.currentThread().isVirtual() ? "virtual" : "platform")))
            .tool(
                Tool.of(
                        "inline-thread",
                        "Tells the kind of thread a non-blocking tool runs on.",
                        empty,
                        (arguments, ctx) ->
                            ToolResult.text(
                                Thread.currentThread().isVirtual() ? "virtual" : "platform"))
                    .withInvocationType(InvocationType.NON_BLOCKING))
            .tool(
                Tool.of(
                        "inline-echo",
                        "Echoes the message without blocking.",
                        schema,
                        (arguments, ctx) -> ToolResult.text(arguments.path("message").asString("")))
                    .withInvocationType(InvocationType.NON_BLOCKING))
            .tool(
                Tool.of(
                        "inline-progress",
                        "Reports progress and logs without blocking.",
                        empty,
                        (arguments, ctx) -> {
                          ctx.progress(1, 2.0, "half");
                          ctx.log(LogLevel.INFO, "inline log");
                          ctx.progress(2, 2.0, "all");
                          return ToolResult.text(
                              Thread.currentThread().isVirtual() ? "virtual" : "platform");
                        })
                    .withInvocationType(InvocationType.NON_BLOCKING))
            .tool(
                Tool.of(
                        "inline-ask",
                        "Tries to ask the client without blocking.",
                        empty,
                        (arguments, ctx) -> {
                          ctx.request(
                              "sampling/createMessage",
                              JSON.readTree("{\"messages\":[],\"maxTokens\":5}"),
                              Duration.ofSeconds(10));
                          return ToolResult.text("asked");
                        })
                    .withInvocationType(InvocationType.NON_BLOCKING))
            .tool(
                Tool.of(
                    "block",
                    "Blocks until cancelled.",
                    empty,
                    (arguments, ctx) -> {
                      blockingCallStarted.countDown();
                      try {
                        new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                        return ToolResult.text("not cancelled");
                      } catch (InterruptedException e) {
                        cancelledFlagSeen.set(ctx.isCancelled());
                        blockingCallInterrupted.countDown();
                        throw e;
                      }
                    }))
            .tool(
                Tool.of(
                    "ask",
                    "Asks the client's model for a number.",
                    empty,
                    (arguments, ctx) -> {
                      JsonNode params = JSON.readTree("{\"messages\":[],\"maxTokens\":5}");
                      JsonNode answer =
                          ctx.request("sampling/createMessage", params, Duration.ofSeconds(10));
                      return ToolResult.text(
                          "the model said " + answer.at("/content/text").asString());
                    }))
            .tool(
                Tool.of(
                    "gate",
                    "Waits until the test opens the gate.",
                    empty,
                    (arguments, ctx) -> {
                      gateEntered.countDown();
                      return ToolResult.text(
                          gateOpen.await(30, TimeUnit.SECONDS) ? "passed" : "gate stayed shut");
                    }))
            .tool(
                Tool.of(
                    "poll",
                    "Closes its SSE stream, logs while the client is away, then finishes.",
                    empty,
                    (arguments, ctx) -> {
                      ctx.log(LogLevel.INFO, "before close");
                      ctx.closeStream();
                      ctx.log(LogLevel.INFO, "away 1");
                      ctx.log(LogLevel.INFO, "away 2");
                      pollAway.countDown();
                      if (!pollFinish.await(30, TimeUnit.SECONDS)) {
                        return ToolResult.error("the test never let the call finish");
                      }
                      ctx.log(LogLevel.INFO, "live");
                      return ToolResult.text("polled");
                    }))
            .resource(TestResources.NOTES)
            .resourceTemplate(TestResources.ITEMS)
            .prompt(TestResources.REVIEW)
            .build();
    engine = McpEngines.create(config, sessions);
    McpHttpServer.Builder builder =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .maxBodyBytes(MAX_BODY_BYTES)
            .engine(engine);
    transport.configure(builder);
    customizer.accept(builder);
    server = builder.build();
    server.start();
    endpoint = server.endpoint();
  }

  @Override
  public void close() {
    server.close();
    sessions.close();
  }
}
