package dev.mcpkit.session.internal.protocol.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.EngineSettings;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link DynamicMethods#admit}: a refusal before the handler runs becomes 429's {@link
 * Rejection#TOO_MANY_REQUESTS} with the retry hint when the request is the whole exchange, and that
 * request's error response inside a batch, while the batch's other requests are answered.
 */
class DynamicAdmissionTest {
  private static final JsonRpcError LIMITED =
      new JsonRpcError(
          -32029,
          "Too Many Requests",
          JsonRpcCodecs.nodes().objectNode().put("retryAfterSeconds", 3));

  private final SessionManager sessions = SessionManagers.builder().build();
  private final List<String> handled = new CopyOnWriteArrayList<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final ProtocolEngine engine =
      new ProtocolEngine(
          EngineSettings.defaults(
              McpServerConfig.builder().serverInfo("dynamic", "1").build(), sessions),
          new DynamicMethods() {
            @Override
            public ObjectNode capabilities() {
              ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
              capabilities.putObject("tools");
              return capabilities;
            }

            @Override
            public ObjectNode handle(DynamicRequest request) {
              handled.add(request.params().path("name").asString(request.method()));
              return JsonRpcCodecs.nodes().objectNode();
            }

            @Override
            public @Nullable RateLimited admit(
                Session session, JsonRpcRequest request, @Nullable Principal principal) {
              asked.add(request.method());
              return request.params() != null
                      && "limited".equals(request.params().path("name").asString())
                  ? new RateLimited(LIMITED, Duration.ofMillis(2500))
                  : null;
            }
          });

  @AfterEach
  void close() {
    sessions.close();
  }

  private String initialize(String version) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("protocolVersion", version);
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

  private static JsonRpcRequest call(long id, String name) {
    return new JsonRpcRequest(
        RequestId.of(id), "tools/call", JsonRpcCodecs.nodes().objectNode().put("name", name));
  }

  @Test
  void aRefusedRequestAloneIsRejectedWithTheRetryHint() {
    String session = initialize("2025-11-25");

    Outcome outcome =
        engine.post(
            new IncomingMessages(List.of(call(5, "limited")), false, session, null, null),
            message -> {});

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                Rejection.TOO_MANY_REQUESTS, LIMITED, RequestId.of(5), Duration.ofMillis(2500)));
    assertThat(handled).isEmpty();
    Outcome ping =
        engine.post(
            new IncomingMessages(
                List.of(new JsonRpcRequest(RequestId.of(6), "ping", null)),
                false,
                session,
                null,
                null),
            message -> {});
    assertThat(ping).isInstanceOf(Outcome.Answered.class);
    assertThat(asked).as("ping is not the catalogue's").containsExactly("tools/call");
  }

  @Test
  void insideABatchTheRefusalIsThatRequestsError() {
    String session = initialize("2025-03-26");

    Outcome outcome =
        engine.post(
            new IncomingMessages(
                List.of(call(1, "fine"), call(2, "limited"), call(3, "also-fine")),
                true,
                session,
                null,
                null),
            message -> {});

    List<JsonRpcMessage> responses = ((Outcome.Answered) outcome).responses();
    assertThat(responses.get(0)).isInstanceOf(JsonRpcResponse.class);
    assertThat(responses.get(1)).isEqualTo(new JsonRpcErrorResponse(RequestId.of(2), LIMITED));
    assertThat(responses.get(2)).isInstanceOf(JsonRpcResponse.class);
    assertThat(handled).containsExactly("fine", "also-fine");
  }
}
