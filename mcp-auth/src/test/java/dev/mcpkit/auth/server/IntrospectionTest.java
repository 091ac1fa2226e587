package dev.mcpkit.auth.server;

import static dev.mcpkit.auth.server.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opaque tokens through introspection (RFC 7662) at oauth2-mock-server, with the resource server's
 * client credentials, cached until they expire; and what a client sees when the authorization
 * server cannot be asked (503, never 401, never a stack trace).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntrospectionTest {
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

  private MockAuthorizationServer as;
  private ProtectedServer server;
  private RawClient client;

  @BeforeAll
  void start() throws Exception {
    as = new MockAuthorizationServer();
    server =
        new ProtectedServer(
            as.issuer,
            builder ->
                builder
                    .requiredScopes("mcp:tools")
                    .introspection(
                        MockAuthorizationServer.INTROSPECTION_CLIENT,
                        MockAuthorizationServer.INTROSPECTION_SECRET));
    client = new RawClient(server.endpoint);
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (as != null) {
      as.close();
    }
  }

  private Map<String, Object> active(String subject, Object... more) {
    Map<String, Object> answer =
        new java.util.HashMap<>(
            Map.of(
                "active",
                true,
                "sub",
                subject,
                "client_id",
                "client-7",
                "scope",
                "mcp:tools",
                "aud",
                server.endpoint.toString(),
                "iss",
                as.issuer.toString(),
                "exp",
                Instant.now().getEpochSecond() + 600));
    for (int i = 0; i < more.length; i += 2) {
      answer.put((String) more[i], more[i + 1]);
    }
    return answer;
  }

  @Test
  void anActiveOpaqueTokenIsAcceptedAndItsAnswerCached() {
    as.opaque("opaque-bob", active("bob"));
    int before = as.introspections();

    String sessionId = client.handshake("opaque-bob");
    HttpResponse<String> call = client.post("opaque-bob", sessionId, CALL);
    HttpResponse<String> again = client.post("opaque-bob", sessionId, CALL);

    assertThat(json(call).at("/result/content/0/text").asString())
        .isEqualTo("bob client-7 mcp:tools");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(as.introspections() - before).as("introspected once, then cached").isEqualTo(1);
  }

  @Test
  void anInactiveOrUnknownOpaqueTokenIsRefused() {
    as.opaque("opaque-revoked", Map.of("active", false));

    for (String token : new String[] {"opaque-revoked", "opaque-never-issued"}) {
      HttpResponse<String> response = client.post(token, null, RawClient.initialize(1));

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
          .startsWith(
              "Bearer error=\"invalid_token\", error_description=\"the token is not active\"");
      assertThat(json(response).at("/error/message").asString())
          .isEqualTo("Unauthorized: the token is not active");
    }
  }

  @Test
  void anOpaqueTokenForAnotherResourceOrExpiredIsRefused() {
    as.opaque("opaque-elsewhere", active("carol", "aud", "https://other.example/mcp"));
    as.opaque("opaque-expired", active("dave", "exp", Instant.now().getEpochSecond() - 3600));

    HttpResponse<String> elsewhere = client.post("opaque-elsewhere", null, RawClient.initialize(1));
    HttpResponse<String> expired = client.post("opaque-expired", null, RawClient.initialize(1));

    assertThat(elsewhere.statusCode()).isEqualTo(401);
    assertThat(json(elsewhere).at("/error/message").asString())
        .isEqualTo("Unauthorized: the token is for another resource");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(json(expired).at("/error/message").asString())
        .isEqualTo("Unauthorized: the token has expired");
  }

  @Test
  void anOpaqueTokenWithoutTheRequiredScopeGets403() {
    as.opaque("opaque-reader", active("erin", "scope", "mcp:read"));

    HttpResponse<String> response = client.post("opaque-reader", null, RawClient.initialize(1));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer error=\"insufficient_scope\", scope=\"mcp:tools\"");
  }

  @Test
  void wrongIntrospectionCredentialsAre503NotAPassOrA401() {
    as.opaque("opaque-frank", active("frank"));
    try (ProtectedServer misconfigured =
            new ProtectedServer(
                as.issuer,
                builder ->
                    builder.introspection(MockAuthorizationServer.INTROSPECTION_CLIENT, "wrong"));
        RawClient other = new RawClient(misconfigured.endpoint)) {
      HttpResponse<String> response = other.post("opaque-frank", null, RawClient.initialize(1));

      assertUnavailable(response);
    }
  }

  @Test
  void anUnreachableAuthorizationServerIs503WithRetryAfter() throws Exception {
    URI nowhere;
    try (ServerSocket socket = new ServerSocket(0)) {
      nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (ProtectedServer orphan = new ProtectedServer(nowhere, builder -> {});
        RawClient other = new RawClient(orphan.endpoint)) {
      String jwt = as.token(Map.of("sub", "gina", "aud", orphan.endpoint.toString()));

      assertUnavailable(other.post(jwt, null, RawClient.initialize(1)));
      // Within the retry interval discovery is not tried again: still 503, at once.
      assertUnavailable(other.post(jwt, null, RawClient.initialize(1)));
      // No token at all needs no authorization server.
      assertThat(other.post(null, null, RawClient.initialize(1)).statusCode()).isEqualTo(401);
    }
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32603);
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "introspect", "127.0.0.1");
  }
}
