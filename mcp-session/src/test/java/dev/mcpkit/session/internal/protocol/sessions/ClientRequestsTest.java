package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Requests from a tool to the client, answered by the client's POSTed responses. */
class ClientRequestsTest {
  private final SessionManager sessions = SessionManagers.builder().build();
  private final ProtocolEngine engine =
      new ProtocolEngine(
          EngineSettings.defaults(
              McpServerConfig.builder()
                  .serverInfo("client-requests", "1")
                  .tool(
                      Tool.of(
                          "ask",
                          "Asks the client's model.",
                          JsonRpcCodecs.nodes().objectNode(),
                          (arguments, ctx) -> {
                            long millis = arguments.path("timeoutMillis").asLong(10_000);
                            JsonNode answer =
                                ctx.request(
                                    "sampling/createMessage",
                                    arguments.path("params"),
                                    Duration.ofMillis(millis));
                            return ToolResult.text(answer.at("/content/text").asString());
                          }))
                  .build(),
              sessions));
  private final BlockingQueue<JsonRpcMessage> sent = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    sessions.close();
  }

  private String initialize(boolean sampling) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("protocolVersion", "2025-11-25");
    ObjectNode capabilities = params.putObject("capabilities");
    if (sampling) {
      capabilities.putObject("sampling");
    }
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                sent::add);
    return answered.newSession().value();
  }

  private CompletableFuture<Outcome> callAsk(String sessionId, long timeoutMillis) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("name", "ask");
    params
        .putObject("arguments")
        .put("timeoutMillis", timeoutMillis)
        .putObject("params")
        .put("maxTokens", 5);
    JsonRpcRequest call = new JsonRpcRequest(RequestId.of(1), "tools/call", params);
    return CompletableFuture.supplyAsync(
        () ->
            engine.post(
                new IncomingMessages(List.of(call), false, sessionId, null, null), sent::add),
        runnable -> Thread.ofVirtual().start(runnable));
  }

  private Outcome answer(String sessionId, JsonRpcMessage response) {
    return engine.post(
        new IncomingMessages(List.of(response), false, sessionId, null, null), message -> {});
  }

  private static JsonNode toolResult(Outcome outcome) {
    return ((JsonRpcResponse) ((Outcome.Answered) outcome).responses().getFirst()).result();
  }

  private JsonRpcRequest nextRequest() throws InterruptedException {
    JsonRpcMessage message = sent.poll(10, TimeUnit.SECONDS);
    assertThat(message).isInstanceOf(JsonRpcRequest.class);
    return (JsonRpcRequest) message;
  }

  private static JsonRpcResponse sampled(RequestId id, @Nullable String text) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("role", "assistant");
    result.putObject("content").put("type", "text").put("text", text);
    result.put("model", "test-model");
    return new JsonRpcResponse(id, result);
  }

  @Test
  void theClientsAnswerReachesTheTool() throws Exception {
    String sessionId = initialize(true);
    CompletableFuture<Outcome> call = callAsk(sessionId, 10_000);

    JsonRpcRequest request = nextRequest();
    assertThat(request.method()).isEqualTo("sampling/createMessage");
    assertThat(request.params().get("maxTokens").asInt()).isEqualTo(5);
    assertThat(answer(sessionId, sampled(request.id(), "forty-two")))
        .isInstanceOf(Outcome.Accepted.class);

    JsonNode result = toolResult(call.get(10, TimeUnit.SECONDS));
    assertThat(result.at("/content/0/text").asString()).isEqualTo("forty-two");
  }

  @Test
  void anAnswerFromAnotherSessionIsIgnored() throws Exception {
    String owner = initialize(true);
    String other = initialize(true);
    sent.clear();
    CompletableFuture<Outcome> call = callAsk(owner, 10_000);
    JsonRpcRequest request = nextRequest();

    answer(other, sampled(request.id(), "hijacked"));
    answer(owner, sampled(request.id(), "genuine"));

    assertThat(toolResult(call.get(10, TimeUnit.SECONDS)).at("/content/0/text").asString())
        .isEqualTo("genuine");
  }

  @Test
  void aClientErrorBecomesAToolError() throws Exception {
    String sessionId = initialize(true);
    CompletableFuture<Outcome> call = callAsk(sessionId, 10_000);
    JsonRpcRequest request = nextRequest();

    answer(
        sessionId,
        new JsonRpcErrorResponse(
            request.id(), JsonRpcError.of(-1, "User rejected sampling request")));

    JsonNode result = toolResult(call.get(10, TimeUnit.SECONDS));
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).contains("User rejected sampling request");
  }

  @Test
  void aClientWithoutTheCapabilityIsNotAsked() throws Exception {
    String sessionId = initialize(false);

    JsonNode result = toolResult(callAsk(sessionId, 10_000).get(10, TimeUnit.SECONDS));

    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).contains("'sampling' capability");
    assertThat(sent).isEmpty();
  }

  @Test
  void noAnswerInTimeCancelsTheRequestAndFailsTheTool() throws Exception {
    String sessionId = initialize(true);

    JsonNode result = toolResult(callAsk(sessionId, 50).get(10, TimeUnit.SECONDS));

    JsonRpcRequest request = nextRequest();
    JsonRpcNotification cancelled = (JsonRpcNotification) sent.poll(10, TimeUnit.SECONDS);
    assertThat(cancelled.method()).isEqualTo("notifications/cancelled");
    assertThat(cancelled.params().get("requestId").asString()).isEqualTo(request.id().toString());
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).contains("did not answer");
    assertThat(answer(sessionId, sampled(request.id(), "late")))
        .isInstanceOf(Outcome.Accepted.class);
  }
}
