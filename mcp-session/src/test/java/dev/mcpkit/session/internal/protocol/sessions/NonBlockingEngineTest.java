package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.EventStores;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.ForwardingSessionStore;
import dev.mcpkit.session.internal.protocol.EngineSettings;
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
 * What the engine tells a transport about blocking ({@code invocationType}, {@code
 * deleteInvocationType}), and how non-blocking tools behave: never interrupted, never waiting for
 * the client.
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
    ObjectNode schema = JsonRpcCodecs.nodes().objectNode();
    return new ProtocolEngine(
        EngineSettings.defaults(
            McpServerConfig.builder()
                .serverInfo("non-blocking-test", "1")
                .tool(
                    Tool.of(
                            "quick",
                            "Never blocks.",
                            schema,
                            (arguments, ctx) -> ToolResult.text("quick"))
                        .withInvocationType(InvocationType.NON_BLOCKING))
                .tool(
                    Tool.of(
                        "slow", "May block.", schema, (arguments, ctx) -> ToolResult.text("slow")))
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
                        .withInvocationType(InvocationType.NON_BLOCKING))
                .tool(
                    Tool.of(
                            "ask",
                            "Tries to ask the client.",
                            schema,
                            (arguments, ctx) -> {
                              ctx.request("roots/list", null, Duration.ofSeconds(5));
                              return ToolResult.text("asked");
                            })
                        .withInvocationType(InvocationType.NON_BLOCKING))
                .resource(Resource.text("test://notes", "notes", "Notes.", "text/plain", () -> "n"))
                .build(),
            sessions));
  }

  private static IncomingMessages incoming(@Nullable String version, JsonRpcMessage... messages) {
    return new IncomingMessages(
        List.of(messages), messages.length > 1, "s", version, null, name -> null);
  }

  private static JsonRpcRequest request(String method) {
    return new JsonRpcRequest(RequestId.of(1), method, JsonRpcCodecs.nodes().objectNode());
  }

  private static JsonRpcRequest call(long id, String tool) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("name", tool);
    return new JsonRpcRequest(RequestId.of(id), "tools/call", params);
  }

  @Test
  void inMemorySessionsServeTheProtocolsOwnMethodsAndNonBlockingToolsWithoutBlocking() {
    ProtocolEngine engine = engine(memory);

    for (String method : List.of("initialize", "ping", "tools/list", "logging/setLevel")) {
      assertThat(engine.invocationType(incoming(null, request(method))))
          .as(method)
          .isEqualTo(InvocationType.NON_BLOCKING);
    }
    assertThat(engine.invocationType(incoming(null, call(1, "quick"))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.invocationType(incoming(null, call(1, "no-such-tool"))))
        .as("an error answer")
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(
            engine.invocationType(
                incoming(null, new JsonRpcNotification("notifications/initialized", null))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(
            engine.invocationType(
                incoming(
                    null,
                    new JsonRpcResponse(RequestId.of(7), JsonRpcCodecs.nodes().objectNode()))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.deleteInvocationType()).isEqualTo(InvocationType.NON_BLOCKING);
  }

  @Test
  void blockingToolsAndApplicationHandlersMayBlock() {
    ProtocolEngine engine = engine(memory);

    assertThat(engine.invocationType(incoming(null, call(1, "slow"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming(null, call(1, "quick"), call(2, "slow"))))
        .as("a batch with one")
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming(null, request("resources/read"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming(null, request("resources/list"))))
        .as("from the configuration")
        .isEqualTo(InvocationType.NON_BLOCKING);
  }

  @Test
  void requestsOfRevision2026AreClassifiedTheSameWay() {
    ProtocolEngine engine = engine(memory);

    assertThat(engine.invocationType(incoming("2026-07-28", call(1, "quick"))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", request("server/discover"))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", request("tools/list"))))
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", request("no/such/method"))))
        .as("a refusal")
        .isEqualTo(InvocationType.NON_BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", call(1, "slow"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", request("resources/read"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming("2026-07-28", request("subscriptions/listen"))))
        .as("held open")
        .isEqualTo(InvocationType.BLOCKING);
  }

  @Test
  void requestStateHandlesInAStoreThatMayBlockMakeNonBlockingToolsOfRevision2026MayBlock() {
    ObjectNode schema = JsonRpcCodecs.nodes().objectNode();
    ProtocolEngine engine =
        new ProtocolEngine(
            new EngineSettings(
                McpServerConfig.builder()
                    .serverInfo("handles-test", "1")
                    .tool(
                        Tool.of(
                                "quick",
                                "Never blocks.",
                                schema,
                                (arguments, ctx) -> ToolResult.text("quick"))
                            .withInvocationType(InvocationType.NON_BLOCKING))
                    .build(),
                memory,
                EventStores.inMemory(),
                dev.mcpkit.api.spi.McpServerObserver.NONE,
                null,
                EngineSettings.DEFAULT_REQUEST_STATE_LIFETIME,
                stored,
                dev.mcpkit.api.server.ToolFailureMessages.EXCEPTION_MESSAGE));

    assertThat(engine.invocationType(incoming("2026-07-28", call(1, "quick"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming(null, call(1, "quick"))))
        .as("sessions are in memory")
        .isEqualTo(InvocationType.NON_BLOCKING);
  }

  @Test
  void aStoreThatMayBlockMakesEverythingMayBlock() {
    ProtocolEngine engine = engine(stored);

    assertThat(engine.invocationType(incoming(null, request("ping"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.invocationType(incoming(null, call(1, "quick"))))
        .isEqualTo(InvocationType.BLOCKING);
    assertThat(engine.deleteInvocationType()).isEqualTo(InvocationType.BLOCKING);
    assertThat(
            SessionManagers.builder()
                .store(SessionManagers.inMemoryStore())
                .build()
                .invocationType())
        .as("the in-memory store does not block")
        .isEqualTo(InvocationType.NON_BLOCKING);
  }

  @Test
  void aCancelledNonBlockingToolSeesTheFlagButNoInterrupt() throws Exception {
    ProtocolEngine engine = engine(memory);
    String session = ((Outcome.Answered) engine.post(handshake(), NO_SINK)).newSession().value();
    CompletableFuture<Outcome> running =
        CompletableFuture.supplyAsync(
            () -> engine.post(sessionIncoming(session, call(5, "spin")), NO_SINK),
            runnable -> Thread.ofPlatform().start(runnable));
    assertThat(spinning.await(10, TimeUnit.SECONDS)).isTrue();
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
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
    String session = ((Outcome.Answered) engine.post(handshake(), NO_SINK)).newSession().value();

    Outcome outcome = engine.post(sessionIncoming(session, call(6, "ask")), NO_SINK);

    JsonRpcResponse response =
        (JsonRpcResponse) ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(response.result().get("isError").asBoolean()).isTrue();
    assertThat(response.result().at("/content/0/text").asString())
        .startsWith("a non-blocking tool cannot send roots/list to the client");
  }

  /** An {@code initialize} as a client sends it: without a session id (one would be refused). */
  private static IncomingMessages handshake() {
    return new IncomingMessages(List.of(initialize()), false, null, null, null);
  }

  private static IncomingMessages sessionIncoming(String session, JsonRpcMessage message) {
    return new IncomingMessages(List.of(message), false, session, null, null, name -> null);
  }

  private static JsonRpcRequest initialize() {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities").putObject("roots");
    params.putObject("clientInfo").put("name", "c").put("version", "1");
    return new JsonRpcRequest(RequestId.of(0), "initialize", params);
  }

  /** An in-memory store that says it may block, as a network store would. */
  private static final class NetworkLikeStore extends ForwardingSessionStore {
    @Override
    public InvocationType invocationType() {
      return InvocationType.BLOCKING;
    }
  }
}
