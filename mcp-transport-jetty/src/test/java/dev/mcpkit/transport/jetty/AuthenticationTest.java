package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bearer-token authenticator in front of a real server, over each {@link Transport}: 401 with a
 * challenge and a JSON-RPC error for missing or wrong tokens, sessions bound to their principal,
 * and a session id of one principal unknown (404) to another; on the I/O-thread fast path as on
 * virtual threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(Transport.class)
class AuthenticationTest {
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  @Parameter private Transport transport;
  private TestServer server;
  private McpTestClient anonymous;
  private McpTestClient alice;
  private McpTestClient bob;

  @BeforeParameterizedClassInvocation
  void start() {
    server =
        new TestServer(
            transport,
            builder ->
                builder.authenticator(
                    Authenticator.bearerTokens(
                        Map.of("alice-token", "alice", "bob-token", "bob"))));
    anonymous = new McpTestClient(server.endpoint, transport);
    alice = anonymous.authorized("Bearer alice-token");
    bob = anonymous.authorized("bearer bob-token");
  }

  @AfterParameterizedClassInvocation
  void stop() {
    server.close();
  }

  private static void assertUnauthorized(HttpResponse<String> response, String challenge) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(challenge);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(json(response).get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(json(response).get("id").isNull()).isTrue();
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(response).at("/error/message").asString()).startsWith("Unauthorized");
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
  }

  @Test
  void aMissingTokenGets401WithABearerChallenge() {
    int sessionsBefore = server.sessions.size();

    HttpResponse<String> response =
        anonymous.post(anonymous.request(), McpTestClient.initialize(1, "2025-11-25"));

    assertUnauthorized(response, "Bearer realm=\"mcp\"");
    assertThat(server.sessions.size()).isEqualTo(sessionsBefore);
  }

  @Test
  void aWrongTokenGets401InvalidToken() {
    McpTestClient mallory = anonymous.authorized("Bearer alice-token-guess");

    HttpResponse<String> response =
        mallory.post(mallory.request(), McpTestClient.initialize(1, "2025-11-25"));

    assertUnauthorized(response, "Bearer realm=\"mcp\", error=\"invalid_token\"");
  }

  @Test
  void anotherSchemeGets401() {
    McpTestClient basic = anonymous.authorized("Basic YWxpY2U6YWxpY2UtdG9rZW4=");

    assertUnauthorized(
        basic.post(basic.request(), McpTestClient.initialize(1, "2025-11-25")),
        "Bearer realm=\"mcp\"");
  }

  @Test
  void theRightTokenBindsTheSessionToItsPrincipal() {
    String sessionId = alice.handshake("2025-11-25");

    Session session = server.sessions.lookup(SessionId.of(sessionId));
    assertThat(session.principal()).map(Principal::getName).hasValue("alice");
    HttpResponse<String> ping = alice.post(alice.request(sessionId), PING);
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(ping.version()).isEqualTo(transport.version);
  }

  @Test
  void aSessionOfOnePrincipalIsUnknownToAnother() {
    String sessionId = alice.handshake("2025-11-25");

    HttpResponse<String> bobsPing = bob.post(bob.request(sessionId), PING);
    HttpResponse<String> bobsDelete = bob.send(bob.request(sessionId).DELETE().build());
    HttpResponse<String> anonymousPing = anonymous.post(anonymous.request(sessionId), PING);

    assertThat(bobsPing.statusCode()).isEqualTo(404);
    assertThat(json(bobsPing).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(bobsDelete.statusCode()).isEqualTo(404);
    assertThat(anonymousPing.statusCode()).isEqualTo(401);
    assertThat(alice.post(alice.request(sessionId), PING).statusCode()).isEqualTo(200);
    assertThat(alice.send(alice.request(sessionId).DELETE().build()).statusCode()).isEqualTo(200);
  }

  @Test
  void theGetStreamOfOnePrincipalsSessionIsUnknownToAnother() {
    String sessionId = alice.handshake("2025-11-25");

    HttpResponse<String> bobsGet = bob.send(bob.streamRequest(sessionId).build());
    HttpResponse<String> anonymousGet = anonymous.send(anonymous.streamRequest(sessionId).build());

    assertThat(bobsGet.statusCode()).isEqualTo(404);
    assertThat(json(bobsGet).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(anonymousGet.statusCode()).isEqualTo(401);
    try (SseReader alicesGet = alice.openSse(alice.streamRequest(sessionId).build())) {
      assertThat(alicesGet.status()).isEqualTo(200);
      assertThat(alicesGet.nextEvent().isPriming()).isTrue();
      assertThat(alice.send(alice.request(sessionId).DELETE().build()).statusCode()).isEqualTo(200);
      assertThat(alicesGet.awaitEnd()).isEmpty();
    }
  }

  @Test
  void theHealthCheckNeedsNoToken() {
    HttpResponse<String> health =
        anonymous.send(HttpRequest.newBuilder(server.endpoint.resolve("/health")).GET().build());

    assertThat(health.statusCode()).isEqualTo(200);
  }

  @Test
  void aFailingAuthenticatorIsAServerErrorNotAPass() {
    Authenticator broken =
        request -> {
          throw new IllegalStateException("introspection endpoint down");
        };
    try (TestServer failing = new TestServer(transport, builder -> builder.authenticator(broken))) {
      McpTestClient client = new McpTestClient(failing.endpoint, transport);

      HttpResponse<String> response =
          client.post(client.request(), McpTestClient.initialize(1, "2025-11-25"));

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32603);
      assertThat(response.body()).doesNotContain("introspection", "Exception");
      assertThat(failing.sessions.size()).isZero();
    }
  }

  @Test
  void bearerTokensKeepNonBlockingCallsOnTheIoThreadAndTheirPrincipal() {
    String sessionId = alice.handshake("2025-11-25");

    HttpResponse<String> call =
        alice.post(alice.request(sessionId), McpTestClient.call(2, "inline-thread", "{}"));
    HttpResponse<String> bobsCall =
        bob.post(bob.request(sessionId), McpTestClient.call(3, "inline-thread", "{}"));

    assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("platform");
    assertThat(bobsCall.statusCode())
        .as("alice's session, unknown to bob on the fast path too")
        .isEqualTo(404);
  }

  @Test
  void anAuthenticatorThatMayBlockSendsEveryRequestToAVirtualThread() {
    Authenticator custom =
        request -> new Authenticator.Accept(() -> "carol"); // blocking by default
    try (TestServer guarded = new TestServer(transport, builder -> builder.authenticator(custom))) {
      McpTestClient client = new McpTestClient(guarded.endpoint, transport);
      String sessionId = client.handshake("2025-11-25");

      HttpResponse<String> call =
          client.post(client.request(sessionId), McpTestClient.call(2, "inline-thread", "{}"));

      assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("virtual");
      assertThat(guarded.sessions.lookup(SessionId.of(sessionId)).principal())
          .map(Principal::getName)
          .hasValue("carol");
    }
  }

  @Test
  void aRequestHandedToAVirtualThreadIsAuthenticatedOnce() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    Authenticator counting =
        new Authenticator() {
          @Override
          public Decision authenticate(Request request) {
            calls.incrementAndGet();
            return new Accept(() -> "dave");
          }

          @Override
          public InvocationType invocationType() {
            return InvocationType.NON_BLOCKING;
          }
        };
    try (TestServer counted =
        new TestServer(transport, builder -> builder.authenticator(counting))) {
      McpTestClient client = new McpTestClient(counted.endpoint, transport);
      String sessionId = client.handshake("2025-11-25");
      int before = calls.get();

      // Authenticated on the I/O thread, then handed over: the blocking tool runs on a virtual
      // thread.
      HttpResponse<String> call =
          client.post(client.request(sessionId), McpTestClient.call(2, "thread", "{}"));

      assertThat(json(call).at("/result/content/0/text").asString()).isEqualTo("virtual");
      assertThat(calls.get() - before).as("authenticator calls for one request").isEqualTo(1);
    }
  }

  @Test
  void aFailingNonBlockingAuthenticatorIsAServerErrorOnTheIoThreadToo() {
    Authenticator broken =
        new Authenticator() {
          @Override
          public Decision authenticate(Request request) {
            throw new IllegalStateException("token cache corrupt");
          }

          @Override
          public InvocationType invocationType() {
            return InvocationType.NON_BLOCKING;
          }
        };
    try (TestServer failing = new TestServer(transport, builder -> builder.authenticator(broken))) {
      McpTestClient client = new McpTestClient(failing.endpoint, transport);

      HttpResponse<String> response =
          client.post(client.request(), McpTestClient.initialize(1, "2025-11-25"));

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32603);
      assertThat(response.body()).doesNotContain("token cache", "Exception");
      assertThat(failing.sessions.size()).isZero();
    }
  }

  @Test
  void withoutAnAuthenticatorSessionsAreAnonymous() {
    try (TestServer open = new TestServer(transport)) {
      McpTestClient client = new McpTestClient(open.endpoint, transport);
      String sessionId = client.handshake("2025-11-25");

      assertThat(open.sessions.lookup(SessionId.of(sessionId)).principal()).isEmpty();
      assertThat(client.post(client.request(sessionId), PING).statusCode()).isEqualTo(200);
      // A token is ignored, not an error, when nobody checks it.
      McpTestClient withToken = client.authorized("Bearer whatever");
      assertThat(withToken.post(withToken.request(sessionId), PING).statusCode()).isEqualTo(200);
    }
  }
}
