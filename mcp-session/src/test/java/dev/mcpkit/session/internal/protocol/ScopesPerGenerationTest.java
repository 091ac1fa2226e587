package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.ScopedPrincipal;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
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
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What required scopes do differently in each protocol generation: in a session, the scopes are the
 * request's (so a client that stepped up its token is served in the same session), a refused
 * request inside a JSON-RPC batch gets an error response while the rest of the batch is answered,
 * and subscribing needs the resource's scopes; without a session, lists that depend on the caller's
 * scopes are cacheable only privately, and a listen stream's resource subscriptions need their
 * resources' scopes.
 */
class ScopesPerGenerationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Caller(String getName, Set<String> scopes) implements ScopedPrincipal {}

  private final AtomicInteger deployRuns = new AtomicInteger();
  private final MessageSink sink = message -> {};
  private final SessionManager sessions = SessionManagers.builder().build();

  @AfterEach
  void close() {
    sessions.close();
  }

  private ProtocolEngine engine(boolean scoped) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    Tool deploy =
        Tool.of(
            "deploy",
            "Deploys.",
            schema,
            (arguments, ctx) -> {
              deployRuns.incrementAndGet();
              return ToolResult.text("deployed");
            });
    Resource secret =
        Resource.text("test://secret", "secret", "Scoped.", "text/plain", () -> "secret");
    return new ProtocolEngine(
        EngineSettings.defaults(
            McpServerConfig.builder()
                .serverInfo("scoped", "1")
                .tool(Tool.of("open", "Open.", schema, (arguments, ctx) -> ToolResult.text("ok")))
                .tool(scoped ? deploy.withRequiredScopes("deploy:write") : deploy)
                .resource(scoped ? secret.withRequiredScopes("files:read") : secret)
                .build(),
            sessions));
  }

  private String handshake(ProtocolEngine engine, Principal principal, String version) {
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", version);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "c").put("version", "1");
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    principal),
                sink);
    String id = answered.newSession().value();
    engine.post(
        new IncomingMessages(
            List.of(new JsonRpcNotification("notifications/initialized", null)),
            false,
            id,
            version,
            principal),
        sink);
    return id;
  }

  private static JsonRpcRequest call(int id, String tool) {
    return new JsonRpcRequest(
        RequestId.of(id), "tools/call", JSON.createObjectNode().put("name", tool));
  }

  @Test
  void aSessionServesTheScopesOfEachRequestSoAStepUpNeedsNoNewSession() {
    ProtocolEngine engine = engine(true);
    String session = handshake(engine, new Caller("alice", Set.of()), "2025-11-25");

    Outcome before =
        engine.post(
            new IncomingMessages(
                List.of(call(1, "deploy")),
                false,
                session,
                "2025-11-25",
                new Caller("alice", Set.of())),
            sink);
    Outcome after =
        engine.post(
            new IncomingMessages(
                List.of(call(2, "deploy")),
                false,
                session,
                "2025-11-25",
                new Caller("alice", Set.of("deploy:write"))),
            sink);

    assertThat(before).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) before).reason()).isEqualTo(Rejection.INSUFFICIENT_SCOPE);
    assertThat(after).isInstanceOf(Outcome.Answered.class);
    assertThat(deployRuns).hasValue(1);
  }

  @Test
  void inABatchTheRefusedRequestGetsAnErrorAndTheOthersAreAnswered() {
    ProtocolEngine engine = engine(true);
    Caller nobody = new Caller("nobody", Set.of());
    String session = handshake(engine, nobody, "2025-03-26");

    Outcome outcome =
        engine.post(
            new IncomingMessages(
                List.of(call(1, "deploy"), call(2, "open")), true, session, "2025-03-26", nobody),
            sink);

    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    List<JsonRpcMessage> responses = ((Outcome.Answered) outcome).responses();
    assertThat(responses).hasSize(2);
    JsonRpcErrorResponse refused = (JsonRpcErrorResponse) responses.get(0);
    assertThat(refused.id()).isEqualTo(RequestId.of(1));
    assertThat(refused.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(refused.error().data().get("requiredScopes").get(0).asString())
        .isEqualTo("deploy:write");
    assertThat(responses.get(1)).isInstanceOf(JsonRpcResponse.class);
    assertThat(deployRuns).hasValue(0);
  }

  @Test
  void subscribingToAResourceNeedsItsScopes() {
    ProtocolEngine engine = engine(true);
    Caller nobody = new Caller("nobody", Set.of());
    Caller reader = new Caller("reader", Set.of("files:read"));
    String nobodys = handshake(engine, nobody, "2025-11-25");
    String readers = handshake(engine, reader, "2025-11-25");
    JsonRpcRequest subscribe =
        new JsonRpcRequest(
            RequestId.of(3),
            "resources/subscribe",
            JSON.createObjectNode().put("uri", "test://secret"));

    Outcome refused =
        engine.post(
            new IncomingMessages(List.of(subscribe), false, nobodys, "2025-11-25", nobody), sink);
    Outcome accepted =
        engine.post(
            new IncomingMessages(List.of(subscribe), false, readers, "2025-11-25", reader), sink);

    assertThat(refused).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) refused).requiredScopes()).containsExactly("files:read");
    assertThat(((Outcome.Answered) accepted).responses().getFirst())
        .isInstanceOf(JsonRpcResponse.class);
  }

  @Test
  void sessionlessListsThatDependOnScopesAreCachedOnlyPrivately() {
    ObjectNode scoped = sessionlessToolsList(engine(true));
    ObjectNode open = sessionlessToolsList(engine(false));

    assertThat(scoped.get("cacheScope").asString()).isEqualTo("private");
    assertThat(scoped.get("ttlMs").asLong()).isPositive();
    assertThat(open.get("cacheScope").asString()).isEqualTo("public");
  }

  @Test
  void aListenStreamSubscribingToAResourceNeedsItsScopes() {
    ObjectNode params = JSON.createObjectNode();
    params.putObject("notifications").putArray("resourceSubscriptions").add("test://secret");
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    Map<String, String> headers = Map.of(McpHeaders.MCP_METHOD, "subscriptions/listen");

    Outcome outcome =
        engine(true)
            .post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(1), "subscriptions/listen", params)),
                    false,
                    null,
                    "2026-07-28",
                    new Caller("nobody", Set.of("deploy:write")),
                    headers::get),
                sink);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo(Rejection.INSUFFICIENT_SCOPE);
    assertThat(((Outcome.Rejected) outcome).requiredScopes()).containsExactly("files:read");
  }

  private ObjectNode sessionlessToolsList(ProtocolEngine engine) {
    ObjectNode params = JSON.createObjectNode();
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    Map<String, String> headers = Map.of(McpHeaders.MCP_METHOD, "tools/list");
    Outcome outcome =
        engine.post(
            new IncomingMessages(
                List.of(new JsonRpcRequest(RequestId.of(1), "tools/list", params)),
                false,
                null,
                "2026-07-28",
                new Caller("nobody", Set.of()),
                headers::get),
            sink);
    return (ObjectNode)
        ((JsonRpcResponse) ((Outcome.Answered) outcome).responses().getFirst()).result();
  }
}
