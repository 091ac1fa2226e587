package dev.mcpkit.auth.server;

import static dev.mcpkit.auth.server.RawClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A real MCP server protected by {@link ResourceServer}, with oauth2-mock-server (a Node process)
 * as its authorization server: what a valid token may do, and the status, {@code WWW-Authenticate}
 * and JSON-RPC error of every kind of refusal, never with a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceServerTest {
  private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

  private MockAuthorizationServer as;
  private ProtectedServer server;
  private RawClient client;
  private String metadataUrl;

  @BeforeAll
  void start() throws Exception {
    as = new MockAuthorizationServer();
    server =
        new ProtectedServer(
            as.issuer,
            builder ->
                builder
                    .scopesSupported("mcp:tools", "mcp:admin")
                    .requiredScopes("mcp:tools")
                    .keyRefreshMinInterval(Duration.ofMillis(200)));
    client = new RawClient(server.endpoint);
    metadataUrl =
        "http://127.0.0.1:" + server.server.port() + "/.well-known/oauth-protected-resource/mcp";
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

  private Map<String, Object> claims(Object... pairs) {
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", "alice");
    claims.put("aud", server.endpoint.toString());
    claims.put("scope", "mcp:tools");
    claims.put("client_id", "client-1");
    for (int i = 0; i < pairs.length; i += 2) {
      claims.put((String) pairs[i], pairs[i + 1]);
    }
    return claims;
  }

  private static void assertNoStackTrace(HttpResponse<String> response) {
    assertThat(response.body()).doesNotContain("Exception", "\tat ", "at dev.", "at com.");
  }

  private void assertInvalidToken(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(challenge)
        .startsWith("Bearer error=\"invalid_token\", error_description=\"")
        .contains("resource_metadata=\"" + metadataUrl + "\"")
        .endsWith("scope=\"mcp:tools\"");
    JsonNode body = json(response);
    assertThat(body.path("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(body.path("id").isNull()).isTrue();
    assertThat(body.at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(body.at("/error/message").asString()).startsWith("Unauthorized: ");
    assertNoStackTrace(response);
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
  }

  private HttpResponse<String> initializeWith(String token) {
    return client.post(token, null, RawClient.initialize(1));
  }

  @Test
  void aValidTokenListsAndCallsTools() {
    String token = as.token(claims());
    String sessionId = client.handshake(token);

    HttpResponse<String> list = client.post(token, sessionId, LIST);
    HttpResponse<String> call = client.post(token, sessionId, CALL);

    List<String> names = new ArrayList<>();
    json(list).at("/result/tools").forEach(tool -> names.add(tool.path("name").asString()));
    assertThat(names).containsExactly("whoami", "thread");
    assertThat(json(call).at("/result/content/0/text").asString())
        .isEqualTo("alice client-1 mcp:tools");
  }

  @Test
  void scopesAndClientComeFromScpAndAzpToo() {
    Map<String, Object> claims = claims("scp", List.of("mcp:tools", "mcp:admin"), "azp", "app");
    claims.remove("scope");
    claims.remove("client_id");
    String token = as.token(claims);
    String sessionId = client.handshake(token);

    String text = json(client.post(token, sessionId, CALL)).at("/result/content/0/text").asString();

    assertThat(text).startsWith("alice app ").contains("mcp:tools").contains("mcp:admin");
  }

  @Test
  void aMissingTokenGets401PointingToTheMetadata() {
    HttpResponse<String> response = client.post(null, null, RawClient.initialize(1));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer resource_metadata=\"" + metadataUrl + "\", scope=\"mcp:tools\"");
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(response).at("/error/message").asString())
        .isEqualTo("Unauthorized: a bearer token is required");
    assertNoStackTrace(response);
  }

  @Test
  void theMetadataIsServedAtBothWellKnownPathsWithoutAToken() {
    for (String path :
        List.of(
            "/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
      HttpResponse<String> response = client.get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode metadata = json(response);
      assertThat(metadata.path("resource").asString()).isEqualTo(server.endpoint.toString());
      assertThat(metadata.path("authorization_servers").get(0).asString())
          .isEqualTo(as.issuer.toString());
      assertThat(metadata.path("scopes_supported").toString())
          .isEqualTo("[\"mcp:tools\",\"mcp:admin\"]");
      assertThat(metadata.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
    }
    assertThat(server.auth.metadataUrl().toString()).isEqualTo(metadataUrl);
  }

  @Test
  void aTokenForAnotherResourceIsRefused() {
    HttpResponse<String> response =
        initializeWith(as.token(claims("aud", "http://127.0.0.1:1/other-mcp")));

    assertInvalidToken(response);
    assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
        .contains("aud claim rejected");
  }

  @Test
  void aTokenWithoutAudienceIsRefused() {
    Map<String, Object> claims = claims();
    claims.remove("aud");

    assertInvalidToken(initializeWith(as.token(claims)));
  }

  @Test
  void anExpiredTokenIsRefusedButTheClockSkewIsTolerated() {
    long now = Instant.now().getEpochSecond();
    String expired = as.token(claims("iat", now - 7200, "nbf", now - 7200, "exp", now - 3600));
    String justExpired = as.token(claims("iat", now - 600, "exp", now - 20));

    HttpResponse<String> refused = initializeWith(expired);
    HttpResponse<String> tolerated = initializeWith(justExpired);

    assertInvalidToken(refused);
    assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("Expired");
    assertThat(tolerated.statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenNotYetValidIsRefused() {
    long now = Instant.now().getEpochSecond();

    assertInvalidToken(initializeWith(as.token(claims("nbf", now + 600))));
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    assertInvalidToken(initializeWith(as.token(claims("iss", "http://127.0.0.1:1"))));
  }

  @Test
  void aTokenSignedByAnUnknownKeyIsRefused() throws Exception {
    RSAKey rogue = new RSAKeyGenerator(2048).keyID("rogue").generate();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rogue").build(), claimsSet());
    jwt.sign(new RSASSASigner(rogue));

    assertInvalidToken(initializeWith(jwt.serialize()));
  }

  @Test
  void aTamperedTokenIsRefused() {
    String[] parts = as.token(claims("scope", "mcp:tools")).split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"sub\":\"alice\"", "\"sub\":\"admin\"");
    assertThat(payload).contains("\"sub\":\"admin\"");
    String tampered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + parts[2];

    HttpResponse<String> response = initializeWith(tampered);

    assertInvalidToken(response);
  }

  @Test
  void unsignedAndHmacTokensAreRefused() throws Exception {
    String unsigned = new PlainJWT(claimsSet()).serialize();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claimsSet());
    hmac.sign(new MACSigner(new byte[32]));

    assertInvalidToken(initializeWith(unsigned));
    assertInvalidToken(initializeWith(hmac.serialize()));
    assertInvalidToken(initializeWith("not-a-jwt-and-no-introspection"));
  }

  @Test
  void aTokenWithoutTheRequiredScopeGets403InsufficientScope() {
    HttpResponse<String> response = initializeWith(as.token(claims("scope", "mcp:admin openid")));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"insufficient_scope\", scope=\"mcp:tools\", resource_metadata=\""
                + metadataUrl
                + "\", error_description=\"the token lacks a required scope\"");
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(response).at("/error/message").asString()).startsWith("Forbidden: ");
    assertNoStackTrace(response);
  }

  @Test
  void aToolWhoseScopeTheTokenLacksIsHiddenAndRefusedWithTheMetadataChallenge() {
    String token = as.token(claims());
    String sessionId = client.handshake(token);
    String adminCall =
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"admin-only\",\"arguments\":{}}}";

    HttpResponse<String> list = client.post(token, sessionId, LIST);
    HttpResponse<String> refused = client.post(token, sessionId, adminCall);
    String admin = as.token(claims("scope", "mcp:tools mcp:admin"));
    HttpResponse<String> allowed = client.post(admin, client.handshake(admin), adminCall);

    assertThat(json(list).at("/result/tools").toString()).doesNotContain("admin-only");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValue(
            "Bearer error=\"insufficient_scope\", scope=\"mcp:admin\", resource_metadata=\""
                + metadataUrl
                + "\"");
    assertNoStackTrace(refused);
    assertThat(json(allowed).at("/result/content/0/text").asString()).isEqualTo("admin");
  }

  @Test
  void aKeyRotatedAtTheAuthorizationServerIsPickedUpWithoutARestart() {
    assertThat(initializeWith(as.token(claims())).statusCode()).isEqualTo(200);

    String kid = as.rotateKey();
    String rotated = as.token(claims());

    assertThat(
            new String(
                Base64.getUrlDecoder().decode(rotated.split("\\.")[0]), StandardCharsets.UTF_8))
        .contains(kid);
    // Within the refresh interval (200 ms here) of another fetch the key may not be fetched yet.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(() -> assertThat(initializeWith(rotated).statusCode()).isEqualTo(200));
  }

  private JWTClaimsSet claimsSet() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(as.issuer.toString())
        .subject("alice")
        .audience(server.endpoint.toString())
        .claim("scope", "mcp:tools")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)))
        .build();
  }
}
