package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.auth.server.ResourceServer;
import dev.mcpkit.transport.jetty.Authenticator;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The gateway's edge over a real Jetty gateway and real upstreams on loopback: clients
 * authenticated at the gateway (static bearer tokens, OAuth) whose credentials never reach an
 * upstream, upstreams reached with their own credentials (a static header, OAuth client credentials
 * from a real authorization server), tool rules per principal, and rate limits answered with 429.
 */
class GatewayEdgeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String ALICE = "alice-secret-token";
  private static final String BOB = "bob-secret-token";
  private static final GatewayAuth TOKENS =
      GatewayAuth.bearerTokens(Map.of(ALICE, "alice", BOB, "bob"));

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
    http.close();
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private URI serve(McpGateway gateway, @Nullable GatewayAuth auth) {
    closing(gateway);
    int port = freePort();
    URI endpoint = URI.create("http://127.0.0.1:" + port + McpHttpServer.DEFAULT_PATH);
    McpHttpServer.Builder builder =
        McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(port);
    if (auth != null) {
      auth.install(builder, endpoint);
    }
    McpHttpServer server = closing(builder.build());
    server.start();
    return server.endpoint();
  }

  private McpClient client(URI endpoint, String token) {
    return closing(
        McpHttpClient.builder(endpoint)
            .clientInfo("test", "1.0")
            .authorization(bearer(token))
            .build());
  }

  private static ClientAuthorization bearer(String token) {
    return new ClientAuthorization() {
      @Override
      public Map<String, String> headers(String method, URI uri) {
        return Map.of("Authorization", "Bearer " + token);
      }

      @Override
      public boolean refused(Refusal refusal) {
        return false;
      }
    };
  }

  /** Records the Authorization header of every request, then lets the delegate decide. */
  private static Authenticator recording(List<String> seen, Authenticator delegate) {
    return request -> {
      seen.add(String.valueOf(request.header("Authorization")));
      return delegate.authenticate(request);
    };
  }

  private static JsonNode text(String text) {
    return JsonNodeFactory.instance.objectNode().put("text", text);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- authentication at the edge --------------------------------------------------------------

  @Test
  void clientTokensEndAtTheGatewayAndTheUpstreamSeesItsOwn() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    Authenticator upstreamTokens = Authenticator.bearerTokens(Map.of("upstream-key", "gateway"));
    TestUpstream upstream =
        closing(new TestUpstream("alpha", "only_alpha", 0, recording(seen, upstreamTokens)));
    UpstreamConfig config =
        new UpstreamConfig(
            "alpha",
            upstream.endpoint(),
            List.of(),
            UpstreamConfig.DEFAULT_TIMEOUT,
            Map.of("Authorization", "Bearer upstream-key"));
    URI endpoint = serve(McpGateway.builder().upstream(config).build(), TOKENS);

    McpClient alice = client(endpoint, ALICE);
    alice.initialize();
    assertThat(alice.callTool("echo", text("hi")).text()).isEqualTo("alpha: hi");

    assertThat(seen).isNotEmpty().allMatch("Bearer upstream-key"::equals);
    McpClient stranger = client(endpoint, "not-a-token");
    assertThatThrownBy(stranger::initialize)
        .isInstanceOf(McpClientException.class)
        .satisfies(e -> assertThat(((McpClientException) e).httpStatus()).isEqualTo(401));

    // The principal is bound to the session: bob cannot use alice's session.
    Answer init = initialize(endpoint, ALICE, "2025-06-18");
    String session = init.session();
    assertThat(post(endpoint, BOB, session, "2025-06-18", call(1, "echo")).status()).isEqualTo(404);
    assertThat(post(endpoint, ALICE, session, "2025-06-18", call(1, "echo")).status())
        .isEqualTo(200);
    assertThat(seen).noneMatch(header -> header.contains(ALICE) || header.contains(BOB));
  }

  @Test
  void oauthAtTheEdgeAndClientCredentialsUpstreamWithARealAuthorizationServer() throws Exception {
    MockAuthorizationServer authorization = closing(new MockAuthorizationServer());
    int upstreamPort = freePort();
    URI upstreamEndpoint = URI.create("http://127.0.0.1:" + upstreamPort + "/mcp");
    ResourceServer upstreamResource =
        ResourceServer.builder()
            .resource(upstreamEndpoint)
            .authorizationServer(authorization.issuer)
            .requiredScopes("mcp:tools")
            .build();
    List<String> seen = new CopyOnWriteArrayList<>();
    TestUpstream upstream =
        closing(
            new TestUpstream(
                "alpha",
                "only_alpha",
                0,
                upstreamPort,
                server -> {
                  server.authenticator(recording(seen, upstreamResource.authenticator()));
                  for (String path : upstreamResource.metadataPaths()) {
                    server.document(path, "application/json", upstreamResource.metadataDocument());
                  }
                  return server;
                }));
    assertThat(upstream.endpoint()).isEqualTo(upstreamEndpoint);
    McpGateway gateway =
        McpGateway.builder()
            .upstream(
                upstream.config().withOAuth(new UpstreamOAuth("mcp-gateway", "gateway-secret")))
            .build();
    URI endpoint =
        serve(gateway, GatewayAuth.oauth(authorization.issuer, null, List.of("mcp:gateway")));
    String clientToken =
        authorization.token(
            Map.of("sub", "carol", "aud", endpoint.toString(), "scope", "mcp:gateway"));

    McpClient carol = client(endpoint, clientToken);
    carol.initialize();
    assertThat(carol.callTool("echo", text("hi")).text()).isEqualTo("alpha: hi");

    List<String> presented =
        seen.stream()
            .filter(header -> !"null".equals(header))
            .map(h -> h.split(" ", 2)[1])
            .toList();
    assertThat(presented).isNotEmpty().doesNotContain(clientToken);
    JsonNode claims = claims(presented.getLast());
    assertThat(claims.path("client_id").asString()).isEqualTo("mcp-gateway");
    assertThat(claims.path("aud").toString()).contains(upstreamEndpoint.toString());
    assertThat(claims.path("scope").asString()).contains("mcp:tools");
    McpClient forged = client(endpoint, "forged");
    assertThatThrownBy(forged::initialize)
        .isInstanceOf(McpClientException.class)
        .satisfies(e -> assertThat(((McpClientException) e).httpStatus()).isEqualTo(401));
  }

  private static JsonNode claims(String jwt) {
    String payload = jwt.split("\\.")[1];
    return JSON.readTree(
        new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  // ---- tool rules ------------------------------------------------------------------------------

  @Test
  void toolRulesHideAndRefuseToolsPerPrincipalByPrefixedName() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    TestUpstream beta = closing(new TestUpstream("beta", "only_beta"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .upstream(beta.config())
            .toolRule(new ToolRule("*", List.of(), List.of("*__slow")))
            .toolRule(new ToolRule("b?b", List.of("alpha__*"), List.of()))
            .build();
    URI endpoint = serve(gateway, TOKENS);
    McpClient alice = client(endpoint, ALICE);
    McpClient bob = client(endpoint, BOB);
    alice.initialize();
    bob.initialize();

    assertThat(alice.listTools())
        .extracting(ToolInfo::name)
        .containsExactly("alpha__echo", "alpha__only_alpha", "beta__echo", "beta__only_beta");
    assertThat(bob.listTools())
        .extracting(ToolInfo::name)
        .containsExactly("alpha__echo", "alpha__only_alpha");
    assertThat(alice.callTool("beta__echo", text("x")).text()).isEqualTo("beta: x");
    assertThat(bob.callTool("alpha__echo", text("x")).text()).isEqualTo("alpha: x");
    assertRefused(() -> bob.callTool("beta__echo", text("x")), "beta__echo");
    assertRefused(() -> alice.callTool("alpha__slow", text("x")), "alpha__slow");
  }

  @Test
  void toolRulesUseTheUpstreamsNamesWithOneUpstreamAndNameAnonymousClients() {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .toolRule(new ToolRule(ToolRule.ANONYMOUS, List.of(), List.of("only_*", "slow")))
            .build();
    McpClient anonymous =
        closing(McpHttpClient.builder(serve(gateway, null)).clientInfo("test", "1.0").build());
    anonymous.initialize();

    assertThat(anonymous.listTools()).extracting(ToolInfo::name).containsExactly("echo");
    assertRefused(() -> anonymous.callTool("only_alpha", text("x")), "only_alpha");
    assertThat(anonymous.callTool("echo", text("x")).text()).isEqualTo("alpha: x");
  }

  private static void assertRefused(Runnable call, String tool) {
    assertThatThrownBy(call::run)
        .isInstanceOf(McpClientException.class)
        .satisfies(
            e ->
                assertThat(((McpClientException) e).error())
                    .hasValueSatisfying(
                        error -> {
                          assertThat(error.code()).isEqualTo(-32600);
                          assertThat(error.message()).contains("not allowed").contains(tool);
                        }));
  }

  // ---- rate limits -----------------------------------------------------------------------------

  @Test
  void aToolsRateLimitIsPerPrincipalAndToolAndAnswers429WithRetryAfter() throws Exception {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .rateLimit(new RateLimit("*", "ech?", 2, Duration.ofHours(1)))
            .build();
    URI endpoint = serve(gateway, TOKENS);
    String alice = initialize(endpoint, ALICE, "2025-06-18").session();
    String bob = initialize(endpoint, BOB, "2025-06-18").session();

    assertThat(post(endpoint, ALICE, alice, "2025-06-18", call(1, "echo")).status()).isEqualTo(200);
    assertThat(post(endpoint, ALICE, alice, "2025-06-18", call(2, "echo")).status()).isEqualTo(200);
    Answer refused = post(endpoint, ALICE, alice, "2025-06-18", call(3, "echo"));

    assertThat(refused.status()).isEqualTo(429);
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 3600L);
    assertThat(refused.body().path("id").asInt()).isEqualTo(3);
    assertThat(refused.body().at("/error/code").asInt()).isEqualTo(-32029);
    assertThat(refused.body().at("/error/message").asString()).contains("Too Many Requests");
    assertThat(refused.body().at("/error/data/retryAfterSeconds").asLong()).isEqualTo(retryAfter);
    // Another tool, and another principal, have buckets of their own.
    assertThat(post(endpoint, ALICE, alice, "2025-06-18", call(4, "only_alpha")).status())
        .isEqualTo(200);
    Answer bobs = post(endpoint, BOB, bob, "2025-06-18", call(5, "echo"));
    assertThat(bobs.status()).isEqualTo(200);
    assertThat(bobs.body().at("/result/content/0/text").asString()).isEqualTo("alpha: x");
  }

  @Test
  void aPrincipalsRateLimitInsideABatchIsThatRequestsErrorWithTheRetryHint() throws Exception {
    TestUpstream alpha = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(alpha.config())
            .rateLimit(new RateLimit("alice", null, 2, Duration.ofMinutes(10)))
            .build();
    URI endpoint = serve(gateway, TOKENS);
    String session = initialize(endpoint, ALICE, "2025-03-26").session();

    Answer batch =
        post(
            endpoint,
            ALICE,
            session,
            "2025-03-26",
            "[" + list(1) + "," + list(2) + "," + list(3) + "]");

    assertThat(batch.status()).isEqualTo(200);
    assertThat(batch.body().isArray()).isTrue();
    assertThat(batch.body().get(0).has("result")).isTrue();
    assertThat(batch.body().get(1).has("result")).isTrue();
    assertThat(batch.body().get(2).at("/error/code").asInt()).isEqualTo(-32029);
    assertThat(batch.body().get(2).at("/error/data/retryAfterSeconds").asLong())
        .isBetween(1L, 600L);
    Answer alone = post(endpoint, ALICE, session, "2025-03-26", list(4));
    assertThat(alone.status()).isEqualTo(429);
    assertThat(alone.header("Retry-After")).isNotNull();
    // bob matches no rule
    String bob = initialize(endpoint, BOB, "2025-03-26").session();
    for (int i = 0; i < 4; i++) {
      assertThat(post(endpoint, BOB, bob, "2025-03-26", list(10 + i)).status()).isEqualTo(200);
    }
  }

  // ---- raw HTTP, for statuses and headers
  // --------------------------------------------------------

  private record Answer(int status, HttpResponse<String> response, JsonNode body) {
    @Nullable String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String session() {
      return response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }
  }

  private static String call(int id, String tool) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":{\"text\":\"x\"}}}";
  }

  private static String list(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/list\"}";
  }

  private Answer initialize(URI endpoint, String token, String version) throws Exception {
    Answer init =
        post(
            endpoint,
            token,
            null,
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\""
                + version
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    assertThat(init.status()).isEqualTo(200);
    post(
        endpoint,
        token,
        init.session(),
        version,
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return init;
  }

  private Answer post(
      URI endpoint, String token, @Nullable String session, @Nullable String version, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      request.header("Mcp-Session-Id", session);
    }
    if (version != null) {
      request.header("MCP-Protocol-Version", version);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
      String last = null;
      for (String line : text.split("\n")) {
        if (line.startsWith("data:") && line.length() > 5) {
          last = line.substring(5).trim();
        }
      }
      text = last == null ? "" : last;
    }
    JsonNode parsed = text.isBlank() ? JsonNodeFactory.instance.missingNode() : JSON.readTree(text);
    return new Answer(response.statusCode(), response, parsed);
  }
}
