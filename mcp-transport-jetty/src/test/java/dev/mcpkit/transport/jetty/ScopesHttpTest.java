package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionManager;
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
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Required scopes of tools, resources, templates and prompts in front of a real server, over each
 * {@link Transport}, with an authenticator that grants what its tokens say ({@link
 * ScopedPrincipals}): what a principal lacks scopes for is not listed to it, and a request for it
 * gets 403 with {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} and a
 * JSON-RPC error body, on the I/O-thread path as on virtual threads, for session-based and
 * sessionless (2026-07-28) requests; with the scopes, it is served, in the same session.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Transport.class)
class ScopesHttpTest {
  private static final String META =
      "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @Parameter private Transport transport;
  private final AtomicInteger scopedRuns = new AtomicInteger();
  private SessionManager sessions;
  private McpHttpServer server;
  private McpTestClient client;

  @BeforeParameterizedClassInvocation
  void start() {
    sessions = SessionManagers.builder().build();
    server = server(new ScopedPrincipals());
    client = new McpTestClient(server.endpoint(), transport);
  }

  @AfterParameterizedClassInvocation
  void stop() {
    server.close();
    sessions.close();
  }

  private McpHttpServer server(Authenticator authenticator) {
    JsonNode empty = TestServer.JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("scoped", "1")
            .tool(Tool.of("open", "Open.", empty, (arguments, ctx) -> ToolResult.text("open")))
            .tool(
                Tool.of(
                        "deploy",
                        "Blocking, scoped.",
                        empty,
                        (arguments, ctx) -> {
                          scopedRuns.incrementAndGet();
                          return ToolResult.text(
                              "deployed by " + ctx.principal().map(Principal::getName).orElse("?"));
                        })
                    .withRequiredScopes("deploy:write"))
            .tool(
                Tool.of(
                        "inline-deploy",
                        "Non-blocking, scoped: served on the I/O thread.",
                        empty,
                        (arguments, ctx) -> {
                          scopedRuns.incrementAndGet();
                          return ToolResult.text(
                              Thread.currentThread().isVirtual() ? "virtual" : "platform");
                        })
                    .withInvocationType(InvocationType.NON_BLOCKING)
                    .withRequiredScopes("deploy:write"))
            .tool(
                Tool.of(
                        "admin",
                        "Needs two scopes.",
                        empty,
                        (arguments, ctx) -> ToolResult.text(""))
                    .withRequiredScopes("deploy:write", "admin"))
            .resource(Resource.text("test://open", "open", "Open.", "text/plain", () -> "open"))
            .resource(
                Resource.text(
                        "test://secret",
                        "secret",
                        "Scoped.",
                        "text/plain",
                        () -> {
                          scopedRuns.incrementAndGet();
                          return "secret";
                        })
                    .withRequiredScopes("files:read"))
            .resourceTemplate(
                ResourceTemplate.of(
                        "vault://{key}",
                        "vault",
                        "Scoped entries.",
                        "text/plain",
                        (uri, variables, ctx) -> {
                          scopedRuns.incrementAndGet();
                          return List.of(
                              ResourceContents.text(uri, "text/plain", variables.get("key")));
                        })
                    .withRequiredScopes("vault:read"))
            .prompt(
                Prompt.of(
                        "plan",
                        "Scoped.",
                        List.of(
                            PromptArgument.optional("topic", "What to plan")
                                .withCompleter(CompletionHandler.prefixOf(List.of("release")))),
                        (arguments, ctx) -> {
                          scopedRuns.incrementAndGet();
                          return PromptResult.of(PromptMessage.user("a plan"));
                        })
                    .withRequiredScopes("plans:read"))
            .build();
    McpHttpServer.Builder builder =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config, sessions))
            .authenticator(authenticator);
    transport.configure(builder);
    McpHttpServer built = builder.build();
    built.start();
    return built;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static String rpc(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  private static String modern(int id, String method, String params) {
    String withMeta =
        params.equals("{}")
            ? "{\"_meta\":" + META + "}"
            : params.substring(0, params.length() - 1) + ",\"_meta\":" + META + "}";
    return rpc(id, method, withMeta);
  }

  /** A sessionless request of revision 2026-07-28 with its standard headers. */
  private static HttpRequest.Builder modernRequest(
      McpTestClient as, String method, @org.jspecify.annotations.Nullable String name) {
    HttpRequest.Builder builder =
        as.request().header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method);
    return name == null ? builder : builder.header("Mcp-Name", name);
  }

  private static void assertInsufficientScope(
      HttpResponse<String> response, int id, String challenge) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly(challenge);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonNode body = json(response);
    assertThat(body.get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(body.get("id").asInt()).isEqualTo(id);
    assertThat(body.at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(body.at("/error/message").asString()).startsWith("Forbidden: insufficient scope");
    assertThat(body.at("/error/data/error").asString()).isEqualTo("insufficient_scope");
  }

  private static List<String> names(HttpResponse<String> response, String pointer, String field) {
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    Revision2026HttpTest.answer(response)
        .at(pointer)
        .forEach(e -> names.add(e.get(field).asString()));
    return names;
  }

  // ---- session-based --------------------------------------------------------------------------

  @Test
  void aToolWithoutItsScopeIsNotListedAndItsCallGets403WithTheChallenge() {
    McpTestClient alice = client.authorized("Bearer alice:");
    String session = alice.handshake("2025-11-25");
    int runs = scopedRuns.get();

    HttpResponse<String> list = alice.post(alice.request(session), rpc(1, "tools/list", "{}"));
    HttpResponse<String> call =
        alice.post(alice.request(session), McpTestClient.call(2, "deploy", "{}"));
    HttpResponse<String> inline =
        alice.post(alice.request(session), McpTestClient.call(3, "inline-deploy", "{}"));
    HttpResponse<String> admin =
        alice.post(alice.request(session), McpTestClient.call(4, "admin", "{}"));

    assertThat(names(list, "/result/tools", "name")).containsExactly("open");
    assertInsufficientScope(call, 2, "Bearer error=\"insufficient_scope\", scope=\"deploy:write\"");
    assertInsufficientScope(
        inline, 3, "Bearer error=\"insufficient_scope\", scope=\"deploy:write\"");
    assertInsufficientScope(
        admin, 4, "Bearer error=\"insufficient_scope\", scope=\"admin deploy:write\"");
    assertThat(call.version()).isEqualTo(transport.version);
    assertThat(scopedRuns.get()).isEqualTo(runs);
  }

  @Test
  void withTheScopeTheToolIsListedAndServedInTheSameSession() {
    String session = client.authorized("Bearer bob:").handshake("2025-11-25");
    McpTestClient steppedUp = client.authorized("Bearer bob:deploy:write,other");

    HttpResponse<String> list =
        steppedUp.post(steppedUp.request(session), rpc(1, "tools/list", "{}"));
    // The non-blocking call goes before the blocking one: a request that arrives on a connection
    // while a request thread resumes it after a blocking call is read, and served, on that thread.
    HttpResponse<String> inline =
        steppedUp.post(steppedUp.request(session), McpTestClient.call(3, "inline-deploy", "{}"));
    HttpResponse<String> call =
        steppedUp.post(steppedUp.request(session), McpTestClient.call(2, "deploy", "{}"));

    assertThat(names(list, "/result/tools", "name"))
        .containsExactly("open", "deploy", "inline-deploy");
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("deployed by bob");
    assertThat(json(inline).at("/result/content/0/text").asString())
        .as("a permitted non-blocking call stays on the I/O thread")
        .isEqualTo("platform");
  }

  @Test
  void resourcesTemplatesAndPromptsWithoutTheirScopesAreHiddenAndRefused() {
    McpTestClient carol = client.authorized("Bearer carol:");
    String session = carol.handshake("2025-11-25");
    int runs = scopedRuns.get();

    HttpResponse<String> resources =
        carol.post(carol.request(session), rpc(1, "resources/list", "{}"));
    HttpResponse<String> templates =
        carol.post(carol.request(session), rpc(2, "resources/templates/list", "{}"));
    HttpResponse<String> prompts = carol.post(carol.request(session), rpc(3, "prompts/list", "{}"));
    HttpResponse<String> secret =
        carol.post(carol.request(session), rpc(4, "resources/read", "{\"uri\":\"test://secret\"}"));
    HttpResponse<String> vault =
        carol.post(carol.request(session), rpc(5, "resources/read", "{\"uri\":\"vault://k\"}"));
    HttpResponse<String> plan =
        carol.post(carol.request(session), rpc(6, "prompts/get", "{\"name\":\"plan\"}"));
    HttpResponse<String> completion =
        carol.post(
            carol.request(session),
            rpc(
                7,
                "completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plan\"},"
                    + "\"argument\":{\"name\":\"topic\",\"value\":\"r\"}}"));

    assertThat(names(resources, "/result/resources", "uri")).containsExactly("test://open");
    assertThat(names(templates, "/result/resourceTemplates", "uriTemplate")).isEmpty();
    assertThat(names(prompts, "/result/prompts", "name")).isEmpty();
    assertInsufficientScope(secret, 4, "Bearer error=\"insufficient_scope\", scope=\"files:read\"");
    assertInsufficientScope(vault, 5, "Bearer error=\"insufficient_scope\", scope=\"vault:read\"");
    assertInsufficientScope(plan, 6, "Bearer error=\"insufficient_scope\", scope=\"plans:read\"");
    assertInsufficientScope(
        completion, 7, "Bearer error=\"insufficient_scope\", scope=\"plans:read\"");
    assertThat(scopedRuns.get()).isEqualTo(runs);
  }

  @Test
  void resourcesTemplatesAndPromptsWithTheirScopesAreListedAndServed() {
    McpTestClient dave = client.authorized("Bearer dave:files:read,vault:read,plans:read");
    String session = dave.handshake("2025-11-25");

    HttpResponse<String> resources =
        dave.post(dave.request(session), rpc(1, "resources/list", "{}"));
    HttpResponse<String> templates =
        dave.post(dave.request(session), rpc(2, "resources/templates/list", "{}"));
    HttpResponse<String> secret =
        dave.post(dave.request(session), rpc(3, "resources/read", "{\"uri\":\"test://secret\"}"));
    HttpResponse<String> vault =
        dave.post(dave.request(session), rpc(4, "resources/read", "{\"uri\":\"vault://k\"}"));
    HttpResponse<String> plan =
        dave.post(dave.request(session), rpc(5, "prompts/get", "{\"name\":\"plan\"}"));

    assertThat(names(resources, "/result/resources", "uri"))
        .containsExactly("test://open", "test://secret");
    assertThat(names(templates, "/result/resourceTemplates", "uriTemplate"))
        .containsExactly("vault://{key}");
    assertThat(json(secret).at("/result/contents/0/text").asString()).isEqualTo("secret");
    assertThat(json(vault).at("/result/contents/0/text").asString()).isEqualTo("k");
    assertThat(json(plan).at("/result/messages/0/content/text").asString()).isEqualTo("a plan");
  }

  // ---- sessionless (2026-07-28) ---------------------------------------------------------------

  @Test
  void sessionlessRequestsAreFilteredAndRefusedTheSameWay() {
    McpTestClient erin = client.authorized("Bearer erin:");
    int runs = scopedRuns.get();

    HttpResponse<String> list =
        erin.post(modernRequest(erin, "tools/list", null), modern(1, "tools/list", "{}"));
    HttpResponse<String> call =
        erin.post(
            modernRequest(erin, "tools/call", "deploy"),
            modern(2, "tools/call", "{\"name\":\"deploy\",\"arguments\":{}}"));
    HttpResponse<String> inline =
        erin.post(
            modernRequest(erin, "tools/call", "inline-deploy"),
            modern(3, "tools/call", "{\"name\":\"inline-deploy\",\"arguments\":{}}"));
    HttpResponse<String> secret =
        erin.post(
            modernRequest(erin, "resources/read", "test://secret"),
            modern(4, "resources/read", "{\"uri\":\"test://secret\"}"));

    assertThat(names(list, "/result/tools", "name")).containsExactly("open");
    assertThat(json(list).at("/result/cacheScope").asString())
        .as("a list that depends on the caller's scopes is not shared")
        .isEqualTo("private");
    assertInsufficientScope(call, 2, "Bearer error=\"insufficient_scope\", scope=\"deploy:write\"");
    assertInsufficientScope(
        inline, 3, "Bearer error=\"insufficient_scope\", scope=\"deploy:write\"");
    assertInsufficientScope(secret, 4, "Bearer error=\"insufficient_scope\", scope=\"files:read\"");
    assertThat(scopedRuns.get()).isEqualTo(runs);
  }

  @Test
  void sessionlessRequestsWithTheScopesAreServed() {
    McpTestClient frank = client.authorized("Bearer frank:deploy:write");

    HttpResponse<String> list =
        frank.post(modernRequest(frank, "tools/list", null), modern(1, "tools/list", "{}"));
    HttpResponse<String> call =
        frank.post(
            modernRequest(frank, "tools/call", "deploy"),
            modern(2, "tools/call", "{\"name\":\"deploy\",\"arguments\":{}}"));

    assertThat(names(list, "/result/tools", "name"))
        .containsExactly("open", "deploy", "inline-deploy");
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(Revision2026HttpTest.answer(call).at("/result/content/0/text").asString())
        .isEqualTo("deployed by frank");
  }

  // ---- the challenge --------------------------------------------------------------------------

  @Test
  void theAuthenticatorShapesTheChallenge() {
    try (McpHttpServer shaped = server(new ScopedPrincipals.WithMetadata())) {
      McpTestClient gina =
          new McpTestClient(shaped.endpoint(), transport).authorized("Bearer gina:");
      String session = gina.handshake("2025-11-25");

      HttpResponse<String> call =
          gina.post(gina.request(session), McpTestClient.call(2, "admin", "{}"));

      assertInsufficientScope(
          call,
          2,
          "Bearer error=\"insufficient_scope\", scope=\"admin deploy:write\","
              + " resource_metadata=\"https://mcp.example/.well-known/oauth-protected-resource\"");
    }
  }

  @Test
  void aChallengeThatWouldSplitTheResponseIsReplacedByTheStandardOne() {
    try (McpHttpServer broken = server(new ScopedPrincipals.WithBrokenChallenge())) {
      McpTestClient hank =
          new McpTestClient(broken.endpoint(), transport).authorized("Bearer hank:");
      String session = hank.handshake("2025-11-25");

      HttpResponse<String> call =
          hank.post(hank.request(session), McpTestClient.call(2, "deploy", "{}"));

      assertInsufficientScope(
          call, 2, "Bearer error=\"insufficient_scope\", scope=\"deploy:write\"");
      assertThat(call.headers().firstValue("X-Injected")).isEmpty();
    }
  }
}
