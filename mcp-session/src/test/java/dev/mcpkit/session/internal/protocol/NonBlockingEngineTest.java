package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.IncomingMessages;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.MessageSink;
import dev.mcpkit.api.server.Outcome;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.EventStores;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.ForwardingSessionStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the engine tells a transport about blocking ({@code mayBlock}, {@code deleteMayBlock}), and
 * how non-blocking tools behave: never interrupted, never waiting for the client.
 */
class NonBlockingEngineTest {
  private static final MessageSink NO_SINK =
      message -> {
        throw new AssertionError("unexpected message " + message);
      };

  private final CountDownLatch spinning = new CountDownLatch(1);
  private final AtomicBoolean interruptSeen = new AtomicBoolean();
  private final AtomicBoolean cancelSeen = new AtomicBoolean();
  private final SessionManager memory = SessionManagers.builder().build();
  private final SessionManager stored =
      SessionManagers.builder().store(new NetworkLikeStore()).build();

  @AfterEach
  void close() {
    memory.close();
    stored.close();
  }

  private ProtocolEngine engine(SessionManager sessions) {
    ObjectNode schema = JacksonJsonRpcCodec.NODES.objectNode();
    return new ProtocolEngine(
        McpServerConfig.builder()
            .serverInfo("non-blocking-test", "1")
            .tool(
                Tool.of(
                        "quick",
                        "Never blocks.",
                        schema,
                        (arguments, ctx) -> ToolResult.text("quick"))
                    .asNonBlocking())
            .tool(
                Tool.of("slow", "May block.", schema, (arguments, ctx) -> ToolResult.text("slow")))
            .tool(
                Tool.of(
                        "spin",
                        "Spins until cancelled (a test's stand-in for a long computation).",
                        schema,
                        (arguments, ctx) -> {
                          spinning.countDown();
                          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                          while (!ctx.isCancelled() && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                          }
                          cancelSeen.set(ctx.isCancelled());
                          interruptSeen.set(Thread.currentThread().isInterrupted());
                          return ToolResult.text("spun");
                        })
                    .asNonBlocking())
            .tool(
                Tool.of(
                        "ask",
                        "Tries to ask the client.",
                        schema,
                        (arguments, ctx) -> {
                          ctx.request("roots/list", null, Duration.ofSeconds(5));
                          return ToolResult.text("asked");
                        })
                    .asNonBlocking())
            .resource(Resource.text("test://notes", "notes", "Notes.", "text/plain", () -> "n"))
            .build(),
        sessions,
        EventStores.inMemory());
  }

  private static IncomingMessages incoming(@Nullable String version, JsonRpcMessage... messages) {
    return new IncomingMessages(
        List.of(messages), messages.length > 1, "s", version, null, name -> null);
  }

  private static JsonRpcRequest request(String method) {
    return new JsonRpcRequest(RequestId.of(1), method, JacksonJsonRpcCodec.NODES.objectNode());
  }

  private static JsonRpcRequest call(long id, String tool) {
    ObjectNode params = JacksonJsonRpcCodec.NODES.objectNode();
    params.put("name", tool);
    return new JsonRpcRequest(RequestId.of(id), "tools/call", params);
  }

  @Test
  void inMemorySessionsServeTheProtocolsOwnMethodsAndNonBlockingToolsWithoutBlocking() {
    ProtocolEngine engine = engine(memory);

    for (String method : List.of("initialize", "ping", "tools/list", "logging/setLevel")) {
      assertThat(engine.mayBlock(incoming(null, request(method)))).as(method).isFalse();
    }
    assertThat(engine.mayBlock(incoming(null, call(1, "quick")))).isFalse();
    assertThat(engine.mayBlock(incoming(null, call(1, "no-such-tool"))))
        .as("an error answer")
        .isFalse();
    assertThat(
            engine.mayBlock(
                incoming(null, new JsonRpcNotification("notifications/initialized", null))))
        .isFalse();
    assertThat(
            engine.mayBlock(
                incoming(
                    null,
                    new JsonRpcResponse(RequestId.of(7), JacksonJsonRpcCodec.NODES.objectNode()))))
        .isFalse();
    assertThat(engine.deleteMayBlock()).isFalse();
  }

  @Test
  void blockingToolsAndApplicationHandlersMayBlock() {
    ProtocolEngine engine = engine(memory);

    assertThat(engine.mayBlock(incoming(null, call(1, "slow")))).isTrue();
    assertThat(engine.mayBlock(incoming(null, call(1, "quick"), call(2, "slow"))))
        .as("a batch with one")
        .isTrue();
    assertThat(engine.mayBlock(incoming(null, request("resources/read")))).isTrue();
    assertThat(engine.mayBlock(incoming(null, request("resources/list"))))
        .as("from the configuration")
        .isFalse();
  }

  @Test
  void requestsOfRevision2026AreClassifiedTheSameWay() {
    ProtocolEngine engine = engine(memory);

    assertThat(engine.mayBlock(incoming("2026-07-28", call(1, "quick")))).isFalse();
    assertThat(engine.mayBlock(incoming("2026-07-28", request("server/discover")))).isFalse();
    assertThat(engine.mayBlock(incoming("2026-07-28", request("tools/list")))).isFalse();
    assertThat(engine.mayBlock(incoming("2026-07-28", request("no/such/method"))))
        .as("a refusal")
        .isFalse();
    assertThat(engine.mayBlock(incoming("2026-07-28", call(1, "slow")))).isTrue();
    assertThat(engine.mayBlock(incoming("2026-07-28", request("resources/read")))).isTrue();
    assertThat(engine.mayBlock(incoming("2026-07-28", request("subscriptions/listen"))))
        .as("held open")
        .isTrue();
  }

  @Test
  void requestStateHandlesInAStoreThatMayBlockMakeNonBlockingToolsOfRevision2026MayBlock() {
    ObjectNode schema = JacksonJsonRpcCodec.NODES.objectNode();
    ProtocolEngine engine =
        new ProtocolEngine(
            McpServerConfig.builder()
                .serverInfo("handles-test", "1")
                .tool(
                    Tool.of(
                            "quick",
                            "Never blocks.",
                            schema,
                            (arguments, ctx) -> ToolResult.text("quick"))
                        .asNonBlocking())
                .build(),
            memory,
            EventStores.inMemory(),
            dev.mcpkit.api.spi.McpServerObserver.NONE,
            null,
            ProtocolEngine.DEFAULT_REQUEST_STATE_LIFETIME,
            stored);

    assertThat(engine.mayBlock(incoming("2026-07-28", call(1, "quick")))).isTrue();
    assertThat(engine.mayBlock(incoming(null, call(1, "quick"))))
        .as("sessions are in memory")
        .isFalse();
  }

  @Test
  void aStoreThatMayBlockMakesEverythingMayBlock() {
    ProtocolEngine engine = engine(stored);

    assertThat(engine.mayBlock(incoming(null, request("ping")))).isTrue();
    assertThat(engine.mayBlock(incoming(null, call(1, "quick")))).isTrue();
    assertThat(engine.deleteMayBlock()).isTrue();
    assertThat(SessionManagers.builder().store(SessionManagers.inMemoryStore()).build().mayBlock())
        .as("the in-memory store does not block")
        .isFalse();
  }

  @Test
  void aCancelledNonBlockingToolSeesTheFlagButNoInterrupt() throws Exception {
    ProtocolEngine engine = engine(memory);
    String session =
        ((Outcome.Answered) engine.post(incoming(null, initialize()), NO_SINK))
            .newSession()
            .value();
    CompletableFuture<Outcome> running =
        CompletableFuture.supplyAsync(
            () -> engine.post(sessionIncoming(session, call(5, "spin")), NO_SINK),
            runnable -> Thread.ofPlatform().start(runnable));
    assertThat(spinning.await(10, TimeUnit.SECONDS)).isTrue();
    ObjectNode params = JacksonJsonRpcCodec.NODES.objectNode();
    params.put("requestId", 5);

    engine.post(
        sessionIncoming(session, new JsonRpcNotification("notifications/cancelled", params)),
        NO_SINK);

    Outcome outcome = running.get(10, TimeUnit.SECONDS);
    assertThat(cancelSeen).isTrue();
    assertThat(interruptSeen).as("an I/O thread must never be interrupted").isFalse();
    assertThat(((Outcome.Answered) outcome).responses())
        .as("a cancelled call gets no response")
        .isEmpty();
  }

  @Test
  void aNonBlockingToolCannotWaitForTheClient() {
    ProtocolEngine engine = engine(memory);
    String session =
        ((Outcome.Answered) engine.post(incoming(null, initialize()), NO_SINK))
            .newSession()
            .value();

    Outcome outcome = engine.post(sessionIncoming(session, call(6, "ask")), NO_SINK);

    JsonRpcResponse response =
        (JsonRpcResponse) ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(response.result().get("isError").asBoolean()).isTrue();
    assertThat(response.result().at("/content/0/text").asString())
        .startsWith("a non-blocking tool cannot send roots/list to the client");
  }

  private static IncomingMessages sessionIncoming(String session, JsonRpcMessage message) {
    return new IncomingMessages(List.of(message), false, session, null, null, name -> null);
  }

  private static JsonRpcRequest initialize() {
    ObjectNode params = JacksonJsonRpcCodec.NODES.objectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities").putObject("roots");
    params.putObject("clientInfo").put("name", "c").put("version", "1");
    return new JsonRpcRequest(RequestId.of(0), "initialize", params);
  }

  /** An in-memory store that says it may block, as a network store would. */
  private static final class NetworkLikeStore extends ForwardingSessionStore {
    @Override
    public boolean mayBlock() {
      return true;
    }
  }
}
