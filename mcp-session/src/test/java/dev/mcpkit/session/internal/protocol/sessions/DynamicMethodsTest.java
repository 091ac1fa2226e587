package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.Session;
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
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's {@link DynamicMethods} seam: catalogue methods answered at run time per session, the
 * capabilities it declares, errors passed as they are, cancellation, and messages on the request's
 * stream.
 */
class DynamicMethodsTest {
  private final SessionManager sessions = SessionManagers.builder().build();
  private final BlockingQueue<JsonRpcNotification> unconsumed = new LinkedBlockingQueue<>();
  private final CountDownLatch blocked = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final BlockingQueue<JsonRpcMessage> sent = new LinkedBlockingQueue<>();
  private final ProtocolEngine engine =
      new ProtocolEngine(
          EngineSettings.defaults(
              McpServerConfig.builder().serverInfo("dynamic", "1").instructions("Go.").build(),
              sessions),
          new DynamicMethods() {
            @Override
            public ObjectNode capabilities() {
              ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
              capabilities.putObject("tools").put("listChanged", true);
              capabilities.putObject("prompts");
              return capabilities;
            }

            @Override
            public ObjectNode handle(DynamicRequest request) throws InterruptedException {
              ObjectNode result = JsonRpcCodecs.nodes().objectNode();
              switch (request.method()) {
                case "tools/list" ->
                    result
                        .putArray("tools")
                        .addObject()
                        .put("name", "for-" + request.session().id().value());
                case "tools/call" -> {
                  String name = request.params().path("name").asString();
                  if (name.equals("fail")) {
                    throw new RequestErrorException(
                        new JsonRpcError(-32042, "upstream says no", request.params()));
                  }
                  if (name.equals("block")) {
                    blocked.countDown();
                    try {
                      Thread.sleep(30_000);
                    } catch (InterruptedException e) {
                      interrupted.countDown();
                      throw e;
                    }
                  }
                  request.notify(
                      "notifications/message",
                      JsonRpcCodecs.nodes().objectNode().put("data", "raw"));
                  request.context().progress(1, 2.0, "half");
                  result.putArray("content").addObject().put("type", "text").put("text", name);
                }
                case "logging/setLevel" ->
                    result.put("seen", request.params().path("level").asString());
                default -> throw new IllegalStateException("unexpected " + request.method());
              }
              return result;
            }

            @Override
            public void onNotification(Session session, JsonRpcNotification notification) {
              unconsumed.add(notification);
            }
          });

  @AfterEach
  void close() {
    sessions.close();
  }

  private Outcome.Answered initialize() {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    return (Outcome.Answered)
        engine.post(
            new IncomingMessages(
                List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                false,
                null,
                null,
                null),
            sent::add);
  }

  private Outcome post(String session, JsonRpcMessage message) {
    return engine.post(
        new IncomingMessages(List.of(message), false, session, null, null), sent::add);
  }

  private JsonRpcMessage answer(String session, String method, JsonNode params) {
    Outcome.Answered answered =
        (Outcome.Answered) post(session, new JsonRpcRequest(RequestId.of(7), method, params));
    return answered.responses().getFirst();
  }

  private static ObjectNode call(String name) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode().put("name", name);
    params.putObject("_meta").put("progressToken", "client-token");
    return params;
  }

  @Test
  void initializeDeclaresTheDynamicCapabilitiesBesidesLogging() {
    JsonNode result = ((JsonRpcResponse) initialize().responses().getFirst()).result();
    assertThat(result.at("/serverInfo/name").asString()).isEqualTo("dynamic");
    assertThat(result.get("instructions").asString()).isEqualTo("Go.");
    assertThat(result.get("capabilities").propertyNames())
        .containsExactlyInAnyOrder("tools", "prompts", "logging");
    assertThat(result.at("/capabilities/tools/listChanged").asBoolean()).isTrue();
  }

  @Test
  void listingsAreAnsweredPerSession() {
    String first = initialize().newSession().value();
    String second = initialize().newSession().value();
    JsonNode empty = JsonRpcCodecs.nodes().objectNode();
    assertThat(
            ((JsonRpcResponse) answer(first, "tools/list", empty))
                .result()
                .at("/tools/0/name")
                .asString())
        .isEqualTo("for-" + first);
    assertThat(
            ((JsonRpcResponse) answer(second, "tools/list", empty))
                .result()
                .at("/tools/0/name")
                .asString())
        .isEqualTo("for-" + second);
  }

  @Test
  void anErrorIsAnsweredExactlyAndMessagesGoOnTheRequestsStream() {
    String session = initialize().newSession().value();
    JsonRpcErrorResponse error = (JsonRpcErrorResponse) answer(session, "tools/call", call("fail"));
    assertThat(error.error().code()).isEqualTo(-32042);
    assertThat(error.error().message()).isEqualTo("upstream says no");

    sent.clear();
    JsonRpcResponse ok = (JsonRpcResponse) answer(session, "tools/call", call("echo"));
    assertThat(ok.result().at("/content/0/text").asString()).isEqualTo("echo");
    assertThat(sent)
        .extracting(m -> ((JsonRpcNotification) m).method())
        .containsExactly("notifications/message", "notifications/progress");
    assertThat(
            ((JsonRpcNotification) List.copyOf(sent).get(1))
                .params()
                .get("progressToken")
                .asString())
        .isEqualTo("client-token");
  }

  @Test
  void cancellationInterruptsTheHandlerAndSendsNoResponse() throws Exception {
    String session = initialize().newSession().value();
    CompletableFuture<Outcome> call =
        CompletableFuture.supplyAsync(
            () -> post(session, new JsonRpcRequest(RequestId.of(9), "tools/call", call("block"))),
            runnable -> Thread.ofVirtual().start(runnable));
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
    ObjectNode cancel = JsonRpcCodecs.nodes().objectNode().put("requestId", 9);
    post(session, new JsonRpcNotification("notifications/cancelled", cancel));

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(((Outcome.Answered) call.get(10, TimeUnit.SECONDS)).responses()).isEmpty();
  }

  @Test
  void setLevelIsKeptAndHandedOnAndOtherNotificationsReachTheHandler() throws Exception {
    String session = initialize().newSession().value();
    JsonRpcResponse level =
        (JsonRpcResponse)
            answer(
                session,
                "logging/setLevel",
                JsonRpcCodecs.nodes().objectNode().put("level", "debug"));
    assertThat(level.result().get("seen").asString()).isEqualTo("debug");

    post(session, new JsonRpcNotification("notifications/roots/list_changed", null));
    JsonRpcNotification seen = unconsumed.poll(10, TimeUnit.SECONDS);
    assertThat(seen).isNotNull();
    assertThat(seen.method()).isEqualTo("notifications/roots/list_changed");
  }
}
