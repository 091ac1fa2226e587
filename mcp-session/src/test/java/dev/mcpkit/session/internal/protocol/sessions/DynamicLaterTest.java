package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.EngineSession;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ProtocolEngine#postLater}: a request the dynamic catalogue answers later is started
 * without a thread waiting for it, answered when the catalogue's future completes, counted in
 * flight on its session until then, cancelled by {@code notifications/cancelled}; everything else
 * is left to {@code post}.
 */
class DynamicLaterTest {
  private final SessionManager sessions = SessionManagers.builder().build();
  private final BlockingQueue<CompletableFuture<ObjectNode>> started = new LinkedBlockingQueue<>();
  private final ProtocolEngine engine =
      new ProtocolEngine(
          EngineSettings.defaults(
              McpServerConfig.builder().serverInfo("later", "1").build(), sessions),
          new DynamicMethods() {
            @Override
            public ObjectNode capabilities() {
              ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
              capabilities.putObject("tools");
              return capabilities;
            }

            @Override
            public ObjectNode handle(DynamicRequest request) {
              return JsonRpcCodecs.nodes().objectNode().put("blocking", true);
            }

            @Override
            public boolean answersLater(JsonRpcRequest request) {
              return request.method().equals("tools/call");
            }

            @Override
            public CompletionStage<ObjectNode> handleLater(DynamicRequest request) {
              if (request.params().path("name").asString().equals("throw")) {
                throw new IllegalStateException("secret detail");
              }
              CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
              started.add(answer);
              return answer;
            }
          });

  @AfterEach
  void close() {
    sessions.close();
  }

  private String initialize() {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                message -> {});
    return answered.newSession().value();
  }

  private static JsonRpcRequest call(int id, String name) {
    return new JsonRpcRequest(
        RequestId.of(id), "tools/call", JsonRpcCodecs.nodes().objectNode().put("name", name));
  }

  private @Nullable CompletionStage<Outcome> later(
      @Nullable String session, @Nullable String version, JsonRpcMessage... messages) {
    return engine.postLater(
        new IncomingMessages(List.of(messages), false, session, version, null), message -> {});
  }

  private int inFlight(String session) {
    return EngineSession.of(
            java.util.Objects.requireNonNull(sessions.lookup(SessionId.of(session))))
        .inFlight();
  }

  private static JsonRpcMessage onlyResponse(CompletionStage<Outcome> stage) throws Exception {
    Outcome.Answered answered =
        (Outcome.Answered) stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(answered.responses()).hasSize(1);
    return answered.responses().getFirst();
  }

  @Test
  void aCallIsAnsweredWhenTheCataloguesFutureCompletesAndCountsInFlightUntilThen()
      throws Exception {
    String session = initialize();
    CompletionStage<Outcome> stage = later(session, "2025-11-25", call(5, "echo"));
    assertThat(stage).isNotNull();
    CompletableFuture<ObjectNode> answer = started.poll(10, TimeUnit.SECONDS);
    assertThat(answer).isNotNull();
    assertThat(stage.toCompletableFuture()).isNotDone();
    assertThat(inFlight(session)).isEqualTo(1);

    answer.complete(JsonRpcCodecs.nodes().objectNode().put("echoed", "yes"));

    JsonRpcResponse response = (JsonRpcResponse) onlyResponse(stage);
    assertThat(response.id()).isEqualTo(RequestId.of(5));
    assertThat(response.result().path("echoed").asString()).isEqualTo("yes");
    assertThat(inFlight(session)).isZero();
  }

  @Test
  void failuresBecomeErrorsAndInternalDetailsStayInside() throws Exception {
    String session = initialize();
    CompletionStage<Outcome> refused = later(session, null, call(6, "fail"));
    started
        .poll(10, TimeUnit.SECONDS)
        .completeExceptionally(new RequestErrorException(JsonRpcError.of(-32042, "no")));
    JsonRpcErrorResponse error = (JsonRpcErrorResponse) onlyResponse(refused);
    assertThat(error.error().code()).isEqualTo(-32042);
    assertThat(error.error().message()).isEqualTo("no");

    CompletionStage<Outcome> broken = later(session, null, call(7, "break"));
    started.poll(10, TimeUnit.SECONDS).completeExceptionally(new IllegalStateException("secret"));
    JsonRpcErrorResponse internal = (JsonRpcErrorResponse) onlyResponse(broken);
    assertThat(internal.error().code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
    assertThat(internal.error().message()).doesNotContain("secret");

    JsonRpcErrorResponse thrown =
        (JsonRpcErrorResponse) onlyResponse(later(session, null, call(8, "throw")));
    assertThat(thrown.error().code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
    assertThat(thrown.error().message()).doesNotContain("secret");
    assertThat(inFlight(session)).isZero();
  }

  @Test
  void theClientsCancellationCancelsTheFutureAndNothingIsAnswered() throws Exception {
    String session = initialize();
    CompletionStage<Outcome> stage = later(session, null, call(9, "slow"));
    CompletableFuture<ObjectNode> answer = started.poll(10, TimeUnit.SECONDS);

    engine.post(
        new IncomingMessages(
            List.of(
                new JsonRpcNotification(
                    "notifications/cancelled",
                    JsonRpcCodecs.nodes().objectNode().put("requestId", 9))),
            false,
            session,
            null,
            null),
        message -> {});

    assertThat(answer).isCancelled();
    Outcome.Answered answered =
        (Outcome.Answered) stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(answered.responses()).isEmpty();
    assertThat(inFlight(session)).isZero();
  }

  @Test
  void aMissingOrUnknownSessionIsRejectedAtOnce() throws Exception {
    Outcome missing = later(null, null, call(1, "echo")).toCompletableFuture().get();
    assertThat(((Outcome.Rejected) missing).reason()).isEqualTo(Rejection.MISSING_SESSION);
    Outcome unknown =
        later("0123456789abcdef0123456789abcdef", null, call(1, "echo"))
            .toCompletableFuture()
            .get();
    assertThat(((Outcome.Rejected) unknown).reason()).isEqualTo(Rejection.UNKNOWN_SESSION);
    assertThat(started).isEmpty();
  }

  @Test
  void onlyAnEngineWithADynamicCatalogueSaysItMayAnswerLater() {
    ProtocolEngine plain =
        new ProtocolEngine(
            EngineSettings.defaults(
                McpServerConfig.builder().serverInfo("plain", "1").build(), sessions));

    assertThat(engine.mayAnswerLater()).isTrue();
    // A transport then skips its preparation for postLater, which would decline every request.
    assertThat(plain.mayAnswerLater()).isFalse();
  }

  @Test
  void everythingElseIsLeftToPostWithNothingDone() {
    String session = initialize();
    // Methods the catalogue does not answer later, and setLevel (the engine keeps the level).
    assertThat(later(session, null, new JsonRpcRequest(RequestId.of(1), "tools/list", null)))
        .isNull();
    assertThat(
            later(
                session,
                null,
                new JsonRpcRequest(
                    RequestId.of(2),
                    "logging/setLevel",
                    JsonRpcCodecs.nodes().objectNode().put("level", "info"))))
        .isNull();
    // Not a catalogue method, a batch of two, a notification, another revision, an unknown one.
    assertThat(later(session, null, new JsonRpcRequest(RequestId.of(3), "ping", null))).isNull();
    assertThat(later(session, null, call(4, "a"), call(5, "b"))).isNull();
    assertThat(
            later(session, null, new JsonRpcNotification("notifications/roots/list_changed", null)))
        .isNull();
    assertThat(later(session, "2026-07-28", call(6, "echo"))).isNull();
    assertThat(later(session, "1999-01-01", call(7, "echo"))).isNull();
    assertThat(started).isEmpty();
    assertThat(inFlight(session)).isZero();
  }
}
