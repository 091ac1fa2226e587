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
import dev.mcpkit.api.server.CompletionHandler;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.ResourceTemplate;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Required scopes against the real engine, in both protocol generations: what a principal lacks
 * scopes for is not listed to it, and a request for it is refused before its handler runs with
 * {@link Rejection#INSUFFICIENT_SCOPE} naming the scopes; with the scopes, it is served; handlers
 * see the request's principal.
 */
@ParameterizedClass
@EnumSource(ScopesEngineTest.Generation.class)
class ScopesEngineTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How a request reaches the engine. */
  enum Generation {
    /** Revision 2025-11-25: a session bound to the principal's name. */
    SESSIONS,
    /** Revision 2026-07-28: no session; version and capabilities in {@code _meta}. */
    SESSIONLESS
  }

  /** A principal with scopes, as an OAuth authenticator produces. */
  record Caller(String getName, Set<String> scopes) implements ScopedPrincipal {}

  @Parameter Generation generation;

  private final SessionManager sessions = SessionManagers.builder().build();
  private final AtomicInteger handlerRuns = new AtomicInteger();
  private final MessageSink sink = message -> {};
  private final ProtocolEngine engine =
      new ProtocolEngine(EngineSettings.defaults(config(), sessions));
  private final Map<String, String> sessionOf = new HashMap<>();

  @AfterEach
  void close() {
    sessions.close();
  }

  private McpServerConfig config() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    return McpServerConfig.builder()
        .serverInfo("scoped", "1")
        .tool(Tool.of("open", "Open to all.", schema, (arguments, ctx) -> run("open")))
        .tool(
            Tool.of("deploy", "Deploys.", schema, (arguments, ctx) -> run("deployed"))
                .withRequiredScopes("deploy:write"))
        .tool(
            Tool.of("admin", "Needs two scopes.", schema, (arguments, ctx) -> run("admin"))
                .withRequiredScopes("deploy:write", "admin"))
        .tool(
            Tool.of(
                "whoami",
                "Tells who calls.",
                schema,
                (arguments, ctx) ->
                    ToolResult.text(
                        ctx.principal()
                            .map(
                                p ->
                                    p.getName()
                                        + " "
                                        + (p instanceof ScopedPrincipal s
                                            ? new TreeSet<>(s.scopes())
                                            : "-"))
                            .orElse("anonymous"))))
        .resource(
            Resource.text("test://public", "public", "Open.", "text/plain", () -> read("public")))
        .resource(
            Resource.text("test://secret", "secret", "Scoped.", "text/plain", () -> read("secret"))
                .withRequiredScopes("files:read"))
        .resource(
            Resource.of(
                "vault://shadow",
                "shadow",
                "A static URI the scoped template also matches: its own scopes (none) apply.",
                "text/plain",
                (uri, ctx) -> List.of(ResourceContents.text(uri, "text/plain", read("shadow")))))
        .resourceTemplate(
            ResourceTemplate.of(
                    "vault://{key}",
                    "vault",
                    "Scoped entries.",
                    "text/plain",
                    (uri, variables, ctx) ->
                        List.of(
                            ResourceContents.text(uri, "text/plain", read(variables.get("key")))))
                .withCompleter("key", CompletionHandler.prefixOf(List.of("alpha", "beta")))
                .withRequiredScopes("vault:read"))
        .resourceTemplate(
            ResourceTemplate.of(
                "open://{x}",
                "open-template",
                "Open entries.",
                "text/plain",
                (uri, variables, ctx) -> List.of(ResourceContents.text(uri, "text/plain", "x"))))
        .prompt(
            Prompt.of(
                "hello",
                "Open to all.",
                List.of(),
                (arguments, ctx) -> PromptResult.of(PromptMessage.user("hello"))))
        .prompt(
            Prompt.of(
                    "plan",
                    "Scoped.",
                    List.of(
                        PromptArgument.optional("topic", "What to plan")
                            .withCompleter(CompletionHandler.prefixOf(List.of("release")))),
                    (arguments, ctx) -> {
                      handlerRuns.incrementAndGet();
                      return PromptResult.of(
                          PromptMessage.user(
                              "plan for " + ctx.principal().map(Principal::getName).orElse("?")));
                    })
                .withRequiredScopes("plans:read"))
        .build();
  }

  private ToolResult run(String text) {
    handlerRuns.incrementAndGet();
    return ToolResult.text(text);
  }

  private String read(String text) {
    handlerRuns.incrementAndGet();
    return text;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static Caller caller(String name, String... scopes) {
    return new Caller(name, Set.of(scopes));
  }

  private JsonRpcRequest request(String method, @Nullable String params) {
    ObjectNode node = params == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(params);
    if (generation == Generation.SESSIONLESS) {
      ObjectNode meta = node.putObject("_meta");
      meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
      meta.putObject("io.modelcontextprotocol/clientCapabilities");
      meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "t").put("version", "1");
    }
    return new JsonRpcRequest(RequestId.of(7), method, node);
  }

  /** Posts one request as the principal: in its own session, or sessionless. */
  private Outcome post(@Nullable Principal principal, String method, @Nullable String params) {
    JsonRpcRequest request = request(method, params);
    if (generation == Generation.SESSIONLESS) {
      Map<String, String> headers = new HashMap<>();
      headers.put(McpHeaders.MCP_METHOD, method);
      JsonNode name = request.params().has("name") ? request.params().get("name") : null;
      JsonNode uri = request.params().get("uri");
      if (name != null || uri != null) {
        headers.put(McpHeaders.MCP_NAME, (name != null ? name : uri).asString());
      }
      return engine.post(
          new IncomingMessages(
              List.of(request), false, null, "2026-07-28", principal, headers::get),
          sink);
    }
    String session = session(principal, "2025-11-25");
    return engine.post(
        new IncomingMessages(List.of(request), false, session, "2025-11-25", principal), sink);
  }

  /** The session of a principal's name, opened on first use as that principal. */
  private String session(@Nullable Principal principal, String version) {
    String key = (principal == null ? "" : principal.getName()) + "@" + version;
    String existing = sessionOf.get(key);
    if (existing != null) {
      return existing;
    }
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
    assertThat(
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcNotification("notifications/initialized", null)),
                    false,
                    id,
                    version,
                    principal),
                sink))
        .isInstanceOf(Outcome.Accepted.class);
    sessionOf.put(key, id);
    return id;
  }

  private JsonNode result(@Nullable Principal principal, String method, @Nullable String params) {
    Outcome outcome = post(principal, method, params);
    assertThat(outcome).as("%s answered %s", method, outcome).isInstanceOf(Outcome.Answered.class);
    JsonRpcMessage response = ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(response).as("%s answered %s", method, response).isInstanceOf(JsonRpcResponse.class);
    return ((JsonRpcResponse) response).result();
  }

  private Outcome.Rejected refused(
      @Nullable Principal principal, String method, @Nullable String params) {
    Outcome outcome = post(principal, method, params);
    assertThat(outcome).as("%s answered %s", method, outcome).isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    assertThat(rejected.reason()).isEqualTo(Rejection.INSUFFICIENT_SCOPE);
    assertThat(rejected.id()).isEqualTo(RequestId.of(7));
    assertThat(rejected.error().code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(rejected.error().message()).startsWith("Forbidden: insufficient scope");
    assertThat(rejected.error().data().get("error").asString()).isEqualTo("insufficient_scope");
    return rejected;
  }

  private List<String> names(JsonNode list, String member, String field) {
    List<String> names = new ArrayList<>();
    list.get(member).forEach(entry -> names.add(entry.get(field).asString()));
    return names;
  }

  // ---- lists ----------------------------------------------------------------------------------

  @Test
  void listsLeaveOutWhatThePrincipalLacksScopesFor() {
    Caller nobody = caller("nobody");
    Caller deployer = caller("deployer", "deploy:write");
    Caller everything =
        caller("root", "deploy:write", "admin", "files:read", "vault:read", "plans:read");

    assertThat(names(result(nobody, "tools/list", null), "tools", "name"))
        .containsExactly("open", "whoami");
    assertThat(names(result(deployer, "tools/list", null), "tools", "name"))
        .containsExactly("open", "deploy", "whoami");
    assertThat(names(result(everything, "tools/list", null), "tools", "name"))
        .containsExactly("open", "deploy", "admin", "whoami");
    assertThat(names(result(nobody, "resources/list", null), "resources", "uri"))
        .containsExactly("test://public", "vault://shadow");
    assertThat(names(result(everything, "resources/list", null), "resources", "uri"))
        .containsExactly("test://public", "test://secret", "vault://shadow");
    assertThat(
            names(
                result(nobody, "resources/templates/list", null),
                "resourceTemplates",
                "uriTemplate"))
        .containsExactly("open://{x}");
    assertThat(
            names(
                result(everything, "resources/templates/list", null),
                "resourceTemplates",
                "uriTemplate"))
        .containsExactly("vault://{key}", "open://{x}");
    assertThat(names(result(nobody, "prompts/list", null), "prompts", "name"))
        .containsExactly("hello");
    assertThat(names(result(everything, "prompts/list", null), "prompts", "name"))
        .containsExactly("hello", "plan");
  }

  @Test
  void anAnonymousRequestAndAPlainPrincipalHoldNoScopes() {
    Principal plain = () -> "plain";

    assertThat(names(result(null, "tools/list", null), "tools", "name"))
        .containsExactly("open", "whoami");
    assertThat(names(result(plain, "tools/list", null), "tools", "name"))
        .containsExactly("open", "whoami");
    assertThat(refused(null, "tools/call", "{\"name\":\"deploy\"}").requiredScopes())
        .containsExactly("deploy:write");
    assertThat(refused(plain, "tools/call", "{\"name\":\"deploy\"}").requiredScopes())
        .containsExactly("deploy:write");
    assertThat(handlerRuns).hasValue(0);
  }

  // ---- calls ----------------------------------------------------------------------------------

  @Test
  void aToolCallWithoutTheScopesIsRefusedBeforeTheHandlerRuns() {
    Outcome.Rejected deploy = refused(caller("nobody"), "tools/call", "{\"name\":\"deploy\"}");
    Outcome.Rejected admin =
        refused(caller("deployer", "deploy:write"), "tools/call", "{\"name\":\"admin\"}");

    assertThat(deploy.requiredScopes()).containsExactly("deploy:write");
    assertThat(admin.requiredScopes())
        .as("every scope the tool requires, for the client's step-up")
        .containsExactlyInAnyOrder("deploy:write", "admin");
    assertThat(admin.error().message()).endsWith("requires admin deploy:write");
    assertThat(admin.error().data().get("requiredScopes").toString())
        .isEqualTo("[\"admin\",\"deploy:write\"]");
    assertThat(handlerRuns).hasValue(0);
  }

  @Test
  void aToolCallWithTheScopesIsServed() {
    JsonNode deployed =
        result(caller("deployer", "deploy:write", "other"), "tools/call", "{\"name\":\"deploy\"}");
    JsonNode open = result(caller("nobody"), "tools/call", "{\"name\":\"open\"}");

    assertThat(deployed.at("/content/0/text").asString()).isEqualTo("deployed");
    assertThat(open.at("/content/0/text").asString()).isEqualTo("open");
    assertThat(handlerRuns).hasValue(2);
  }

  @Test
  void resourcesTemplatesPromptsAndCompletionAreRefusedWithoutTheirScopes() {
    Caller nobody = caller("nobody");

    assertThat(refused(nobody, "resources/read", "{\"uri\":\"test://secret\"}").requiredScopes())
        .containsExactly("files:read");
    assertThat(refused(nobody, "resources/read", "{\"uri\":\"vault://alpha\"}").requiredScopes())
        .as("a URI the scoped template matches")
        .containsExactly("vault:read");
    assertThat(refused(nobody, "prompts/get", "{\"name\":\"plan\"}").requiredScopes())
        .containsExactly("plans:read");
    assertThat(
            refused(
                    nobody,
                    "completion/complete",
                    "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plan\"},"
                        + "\"argument\":{\"name\":\"topic\",\"value\":\"r\"}}")
                .requiredScopes())
        .containsExactly("plans:read");
    assertThat(
            refused(
                    nobody,
                    "completion/complete",
                    "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"vault://{key}\"},"
                        + "\"argument\":{\"name\":\"key\",\"value\":\"a\"}}")
                .requiredScopes())
        .containsExactly("vault:read");
    assertThat(handlerRuns).hasValue(0);
  }

  @Test
  void resourcesTemplatesPromptsAndCompletionAreServedWithTheirScopes() {
    Caller holder = caller("holder", "files:read", "vault:read", "plans:read");

    assertThat(
            result(holder, "resources/read", "{\"uri\":\"test://secret\"}")
                .at("/contents/0/text")
                .asString())
        .isEqualTo("secret");
    assertThat(
            result(holder, "resources/read", "{\"uri\":\"vault://alpha\"}")
                .at("/contents/0/text")
                .asString())
        .isEqualTo("alpha");
    assertThat(
            result(holder, "prompts/get", "{\"name\":\"plan\"}")
                .at("/messages/0/content/text")
                .asString())
        .as("the prompt's handler sees the principal")
        .isEqualTo("plan for holder");
    assertThat(
            result(
                    holder,
                    "completion/complete",
                    "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"vault://{key}\"},"
                        + "\"argument\":{\"name\":\"key\",\"value\":\"a\"}}")
                .at("/completion/values/0")
                .asString())
        .isEqualTo("alpha");
  }

  @Test
  void aStaticResourceTakesPrecedenceOverAScopedTemplateWithItsOwnScopes() {
    JsonNode shadow = result(caller("nobody"), "resources/read", "{\"uri\":\"vault://shadow\"}");

    assertThat(shadow.at("/contents/0/text").asString()).isEqualTo("shadow");
  }

  @Test
  void requestsNamingNothingKnownKeepTheirUsualErrors() {
    Outcome outcome = post(caller("nobody"), "tools/call", "{\"name\":\"missing\"}");

    assertThat(outcome).isInstanceOf(Outcome.Answered.class);
    JsonRpcMessage response = ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(((JsonRpcErrorResponse) response).error().code())
        .isEqualTo(JsonRpcError.INVALID_PARAMS);
  }

  @Test
  void handlersSeeTheRequestsPrincipalWithItsScopes() {
    JsonNode scoped = result(caller("alice", "b", "a"), "tools/call", "{\"name\":\"whoami\"}");
    JsonNode anonymous = result(null, "tools/call", "{\"name\":\"whoami\"}");

    assertThat(scoped.at("/content/0/text").asString()).isEqualTo("alice [a, b]");
    assertThat(anonymous.at("/content/0/text").asString()).isEqualTo("anonymous");
  }
}
