package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ProtocolEngineTest {
  private static final MessageSink NO_SINK =
      message -> {
        throw new AssertionError("unexpected message " + message);
      };

  private final SessionManager sessions = SessionManagers.builder().build();
  private final CountDownLatch blocking = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final AtomicReference<ToolContext> waitingContext = new AtomicReference<>();
  private final ProtocolEngine engine =
      new ProtocolEngine(
          EngineSettings.defaults(
              McpServerConfig.builder()
                  .serverInfo("engine-test", "9")
                  .tool(
                      Tool.of(
                          "steps",
                          "Two progress steps.",
                          object(),
                          (arguments, ctx) -> {
                            ctx.progress(1, null);
                            ctx.progress(2, 2.0, "two");
                            return ToolResult.text("stepped");
                          }))
                  .tool(
                      Tool.of(
                          "npe",
                          "Throws without a message.",
                          object(),
                          (arguments, ctx) -> {
                            throw new NullPointerException();
                          }))
                  .tool(
                      Tool.of(
                          "wait",
                          "Waits until interrupted.",
                          object(),
                          (arguments, ctx) -> {
                            waitingContext.set(ctx);
                            blocking.countDown();
                            try {
                              new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                              return ToolResult.text("timed out");
                            } catch (InterruptedException e) {
                              interrupted.countDown();
                              throw e;
                            }
                          }))
                  .build(),
              sessions));

  @AfterEach
  void close() {
    sessions.close();
  }

  private static ObjectNode object() {
    return JsonRpcCodecs.nodes().objectNode();
  }

  private static IncomingMessages incoming(
      @org.jspecify.annotations.Nullable String sessionId, JsonRpcMessage... messages) {
    return new IncomingMessages(List.of(messages), false, sessionId, null, null);
  }

  private static JsonRpcRequest initializeRequest(String version) {
    ObjectNode params = object();
    params.put("protocolVersion", version);
    params.putObject("clientInfo").put("name", "c").put("version", "1");
    params.putObject("capabilities").putObject("sampling");
    return new JsonRpcRequest(RequestId.of(0), "initialize", params);
  }

  private String initialize(String version) {
    Outcome.Answered answered =
        (Outcome.Answered) engine.post(incoming(null, initializeRequest(version)), NO_SINK);
    return answered.newSession().value();
  }

  private static JsonRpcRequest call(
      long id, String tool, @org.jspecify.annotations.Nullable String progressToken) {
    ObjectNode params = object();
    params.put("name", tool);
    if (progressToken != null) {
      params.putObject("_meta").put("progressToken", progressToken);
    }
    return new JsonRpcRequest(RequestId.of(id), "tools/call", params);
  }

  private static JsonNode result(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    JsonRpcMessage response = ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(response).isInstanceOf(JsonRpcResponse.class);
    return ((JsonRpcResponse) response).result();
  }

  @ParameterizedTest
  @CsvSource({
    "2025-03-26,2025-03-26",
    "2025-06-18,2025-06-18",
    "2025-11-25,2025-11-25",
    "2024-11-05,2025-11-25"
  })
  void initializeNegotiatesAndRecordsTheVersionOnTheSession(String requested, String negotiated) {
    Outcome outcome = engine.post(incoming(null, initializeRequest(requested)), NO_SINK);

    assertThat(result(outcome).get("protocolVersion").asString()).isEqualTo(negotiated);
    Session session = sessions.lookup(((Outcome.Answered) outcome).newSession());
    assertThat(session.protocolVersion())
        .isEqualTo(ProtocolVersion.fromWireName(negotiated).orElseThrow());
    assertThat(session.clientInfo().orElseThrow().name()).isEqualTo("c");
    assertThat(session.clientCapabilities().has("sampling")).isTrue();
    assertThat(session.state()).isEqualTo(SessionState.INITIALIZING);
  }

  @Test
  void initializeAnswersFromOneResultPerVersionThatEncodingLeavesIntact() {
    Outcome.Answered first =
        (Outcome.Answered) engine.post(incoming(null, initializeRequest("2025-06-18")), NO_SINK);
    JsonRpcRequest second =
        new JsonRpcRequest(
            RequestId.of("second"), "initialize", initializeRequest("2025-06-18").params());
    Outcome.Answered again = (Outcome.Answered) engine.post(incoming(null, second), NO_SINK);
    JsonNode shared = result(first);
    String before = shared.toString();

    // Built once per version: the same node answers every initialize of that version ...
    assertThat(result(again)).isSameAs(shared);
    assertThat(
            result(engine.post(incoming(null, initializeRequest("2025-11-25")), NO_SINK))
                .get("protocolVersion")
                .asString())
        .isEqualTo("2025-11-25");
    assertThat(shared.get("protocolVersion").asString()).isEqualTo("2025-06-18");
    // ... and encoding responses around it (each with its own id) writes nothing into it.
    String encodedFirst =
        new String(
            JsonRpcCodecs.standard().encode(first.responses().getFirst()),
            java.nio.charset.StandardCharsets.UTF_8);
    String encodedAgain =
        new String(
            JsonRpcCodecs.standard().encodeBatch(again.responses()),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(encodedFirst).contains("\"id\":0").doesNotContain("second");
    assertThat(encodedAgain).contains("\"id\":\"second\"");
    assertThat(shared.toString()).isEqualTo(before);
    assertThat(shared.has("id")).isFalse();
    assertThat(shared.get("serverInfo").get("name").asString()).isEqualTo("engine-test");
    assertThat(shared.get("capabilities").has("tools")).isTrue();
  }

  @Test
  void sessionsOfIdenticalClientsShareTheirClientInfoAndHoldNoEmptyCapabilities() {
    JsonRpcRequest bare =
        new JsonRpcRequest(
            RequestId.of(0),
            "initialize",
            JsonRpcCodecs.mapper()
                .readTree(
                    "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}"));
    Session first = sessions.lookup(SessionId.of(initialize("2025-06-18")));
    Session second = sessions.lookup(SessionId.of(initialize("2025-11-25")));
    Session empty =
        sessions.lookup(
            ((Outcome.Answered) engine.post(incoming(null, bare), NO_SINK)).newSession());

    assertThat(second.clientInfo().orElseThrow()).isSameAs(first.clientInfo().orElseThrow());
    assertThat(empty.clientInfo().orElseThrow()).isSameAs(first.clientInfo().orElseThrow());
    assertThat(empty.clientCapabilities().isObject()).isTrue();
    assertThat(empty.clientCapabilities().isEmpty()).isTrue();
    assertThat(empty.clientCapabilities()).isNotSameAs(empty.clientCapabilities());
    assertThat(first.clientCapabilities().has("sampling")).isTrue();
  }

  @Test
  void initializeWithoutAVersionIsInvalidParamsAndCreatesNoSession() {
    Outcome outcome =
        engine.post(
            incoming(null, new JsonRpcRequest(RequestId.of(1), "initialize", object())), NO_SINK);

    Outcome.Answered answered = (Outcome.Answered) outcome;
    assertThat(answered.newSession()).isNull();
    assertThat(((JsonRpcErrorResponse) answered.responses().getFirst()).error().code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
    assertThat(sessions.size()).isZero();
  }

  @Test
  void initializeNamingALiveSessionIsRefusedAndLeavesTheSessionAsItWas() {
    assertInitializeNamingALiveSessionIsRefused(engine, sessions);
  }

  @Test
  void initializeNamingALiveSessionIsRefusedWithAStoreToo() {
    SessionManager stored =
        SessionManagers.builder().store(SessionManagers.inMemoryStore()).build();
    try {
      assertInitializeNamingALiveSessionIsRefused(
          new ProtocolEngine(
              EngineSettings.defaults(
                  McpServerConfig.builder().serverInfo("engine-test", "9").build(), stored)),
          stored);
    } finally {
      stored.close();
    }
  }

  private static void assertInitializeNamingALiveSessionIsRefused(
      ProtocolEngine engine, SessionManager sessions) {
    String id =
        ((Outcome.Answered) engine.post(incoming(null, initializeRequest("2025-11-25")), NO_SINK))
            .newSession()
            .value();
    engine.post(incoming(id, new JsonRpcNotification("notifications/initialized", null)), NO_SINK);
    JsonRpcRequest again =
        new JsonRpcRequest(RequestId.of(7), "initialize", initializeRequest("2025-06-18").params());

    Outcome outcome = engine.post(incoming(id, again), NO_SINK);

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                Rejection.INVALID_MESSAGE,
                JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: initialize must not name a session: the Mcp-Session-Id"
                        + " header is set; start a new session without the header"),
                RequestId.of(7)));
    assertThat(sessions.size()).isEqualTo(1);
    Session session = sessions.lookup(SessionId.of(id));
    assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(session.protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
    assertThat(
            result(
                engine.post(
                    incoming(id, new JsonRpcRequest(RequestId.of(8), "ping", null)), NO_SINK)))
        .isEmpty();
  }

  @Test
  void initializeNamingAnUnknownSessionOrInABatchIsRefusedAndCreatesNoSession() {
    Outcome unknown = engine.post(incoming("unknown", initializeRequest("2025-11-25")), NO_SINK);
    Outcome batch =
        engine.post(
            new IncomingMessages(
                List.of(
                    new JsonRpcRequest(RequestId.of(1), "ping", null),
                    initializeRequest("2025-11-25")),
                true,
                "unknown",
                null,
                null),
            NO_SINK);

    assertThat(((Outcome.Rejected) unknown).reason()).isEqualTo(Rejection.INVALID_MESSAGE);
    assertThat(((Outcome.Rejected) unknown).id()).isEqualTo(RequestId.of(0));
    assertThat(((Outcome.Rejected) batch).reason()).isEqualTo(Rejection.INVALID_MESSAGE);
    assertThat(((Outcome.Rejected) batch).error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(((Outcome.Rejected) batch).id()).isEqualTo(RequestId.of(0));
    assertThat(sessions.size()).isZero();
  }

  @Test
  void requestsNeedAKnownSession() {
    JsonRpcRequest ping = new JsonRpcRequest(RequestId.of(1), "ping", null);

    assertThat(engine.post(incoming(null, ping), NO_SINK))
        .isEqualTo(
            new Outcome.Rejected(
                Rejection.MISSING_SESSION,
                JsonRpcError.of(
                    JsonRpcError.INVALID_REQUEST,
                    "Bad Request: Mcp-Session-Id header is required")));
    assertThat(((Outcome.Rejected) engine.post(incoming("unknown", ping), NO_SINK)).reason())
        .isEqualTo(Rejection.UNKNOWN_SESSION);
  }

  @Test
  void aSessionOfAnotherPrincipalIsUnknown() {
    Principal alice = () -> "alice";
    Principal mallory = () -> "mallory";
    Outcome.Answered created =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(initializeRequest("2025-11-25")), false, null, null, alice),
                NO_SINK);
    String id = created.newSession().value();
    JsonRpcRequest ping = new JsonRpcRequest(RequestId.of(1), "ping", null);

    Outcome asMallory =
        engine.post(new IncomingMessages(List.of(ping), false, id, null, mallory), NO_SINK);
    Outcome anonymous =
        engine.post(new IncomingMessages(List.of(ping), false, id, null, null), NO_SINK);
    Outcome asAlice =
        engine.post(new IncomingMessages(List.of(ping), false, id, null, alice), NO_SINK);

    assertThat(((Outcome.Rejected) asMallory).reason()).isEqualTo(Rejection.UNKNOWN_SESSION);
    assertThat(((Outcome.Rejected) anonymous).reason()).isEqualTo(Rejection.UNKNOWN_SESSION);
    assertThat(asAlice).isInstanceOf(Outcome.Answered.class);
    assertThat(engine.delete(id, mallory)).isInstanceOf(Outcome.Rejected.class);
    assertThat(sessions.lookup(SessionId.of(id))).isNotNull();
  }

  @Test
  void initializedActivatesAndDeleteCloses() {
    String id = initialize("2025-11-25");

    assertThat(
            engine.post(
                incoming(id, new JsonRpcNotification("notifications/initialized", null)), NO_SINK))
        .isInstanceOf(Outcome.Accepted.class);
    assertThat(sessions.lookup(SessionId.of(id)).state()).isEqualTo(SessionState.ACTIVE);

    assertThat(engine.delete(id, null)).isInstanceOf(Outcome.Accepted.class);
    assertThat(sessions.lookup(SessionId.of(id))).isNull();
    assertThat(((Outcome.Rejected) engine.delete(id, null)).reason())
        .isEqualTo(Rejection.UNKNOWN_SESSION);
    assertThat(((Outcome.Rejected) engine.delete(null, null)).reason())
        .isEqualTo(Rejection.MISSING_SESSION);
  }

  @Test
  void progressGoesToTheSinkOnlyWithAToken() {
    String id = initialize("2025-11-25");
    List<JsonRpcMessage> sent = new CopyOnWriteArrayList<>();

    JsonNode withToken = result(engine.post(incoming(id, call(1, "steps", "t")), sent::add));
    JsonNode withoutToken = result(engine.post(incoming(id, call(2, "steps", null)), NO_SINK));

    assertThat(withToken.at("/content/0/text").asString()).isEqualTo("stepped");
    assertThat(withoutToken.at("/content/0/text").asString()).isEqualTo("stepped");
    assertThat(sent).hasSize(2);
    JsonRpcNotification second = (JsonRpcNotification) sent.get(1);
    assertThat(second.method()).isEqualTo("notifications/progress");
    assertThat(second.params().get("progressToken").asString()).isEqualTo("t");
    assertThat(second.params().get("total").asDouble()).isEqualTo(2.0);
    assertThat(((JsonRpcNotification) sent.get(0)).params().has("total")).isFalse();
  }

  @Test
  void anExceptionWithoutMessageIsAnErrorResultNamingItsType() {
    String id = initialize("2025-11-25");

    JsonNode result = result(engine.post(incoming(id, call(1, "npe", null)), NO_SINK));

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).isEqualTo("NullPointerException");
  }

  @Test
  void cancellationInterruptsTheHandlerAndLeavesTheCallerThreadClean() throws Exception {
    String id = initialize("2025-11-25");
    CompletableFuture<Object[]> call = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              Outcome outcome = engine.post(incoming(id, call(5, "wait", null)), NO_SINK);
              call.complete(new Object[] {outcome, Thread.currentThread().isInterrupted()});
            });
    assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
    ObjectNode params = object();
    params.put("requestId", 5);

    Outcome cancel =
        engine.post(
            incoming(id, new JsonRpcNotification("notifications/cancelled", params)), NO_SINK);

    assertThat(cancel).isInstanceOf(Outcome.Accepted.class);
    Object[] done = call.get(10, TimeUnit.SECONDS);
    assertThat(interrupted.getCount()).isZero();
    assertThat(((Outcome.Answered) done[0]).responses()).isEmpty();
    assertThat(done[1]).isEqualTo(false);
  }

  @Test
  void cancellingAnotherSessionsRequestDoesNothing() throws Exception {
    String owner = initialize("2025-11-25");
    String other = initialize("2025-11-25");
    CompletableFuture<Outcome> call =
        CompletableFuture.supplyAsync(
            () -> engine.post(incoming(owner, call(5, "wait", null)), NO_SINK),
            runnable -> Thread.ofVirtual().start(runnable));
    assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();
    ObjectNode params = object();
    params.put("requestId", 5);

    engine.post(
        incoming(other, new JsonRpcNotification("notifications/cancelled", params)), NO_SINK);

    // Cancellation flips the call's state synchronously, so this is not a race.
    assertThat(waitingContext.get().isCancelled()).isFalse();
    assertThat(call).isNotDone();
    engine.post(
        incoming(owner, new JsonRpcNotification("notifications/cancelled", params)), NO_SINK);
    assertThat(call.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.Answered.class);
  }

  @Test
  void setLevelRejectsUnknownLevels() {
    String id = initialize("2025-11-25");
    ObjectNode bad = object();
    bad.put("level", "verbose");

    Outcome outcome =
        engine.post(
            incoming(id, new JsonRpcRequest(RequestId.of(1), "logging/setLevel", bad)), NO_SINK);

    JsonRpcMessage response = ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(((JsonRpcErrorResponse) response).error().code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
  }

  @Test
  void deletingTheSessionCancelsItsCallsInFlight() throws Exception {
    String id = initialize("2025-11-25");
    CompletableFuture<Outcome> call =
        CompletableFuture.supplyAsync(
            () -> engine.post(incoming(id, call(5, "wait", null)), NO_SINK),
            runnable -> Thread.ofVirtual().start(runnable));
    assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(engine.delete(id, null)).isInstanceOf(Outcome.Accepted.class);

    assertThat(waitingContext.get().isCancelled()).isTrue();
    assertThat(((Outcome.Answered) call.get(10, TimeUnit.SECONDS)).responses()).isEmpty();
    assertThat(interrupted.getCount()).isZero();
  }
}
