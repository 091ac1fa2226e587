package dev.mcpkit.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.transport.jetty.ClientAuthorization.Refusal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OAuth client's flow against a loopback resource metadata and authorization server. */
class OAuthAuthorizationTest {
  private final FakeAuthorizationServer as;

  OAuthAuthorizationTest() throws Exception {
    as = new FakeAuthorizationServer();
  }

  @AfterEach
  void stop() {
    as.close();
  }

  private OAuthAuthorization client() {
    return OAuthAuthorization.builder(as.mcp()).build();
  }

  private Refusal refusal(int status, String challenge, int attempt) {
    return new Refusal(
        status, "POST", as.mcp(), Map.of("www-authenticate", List.of(challenge)), attempt);
  }

  private String prm() {
    return as.origin + "/.well-known/oauth-protected-resource/mcp";
  }

  @Test
  void noTokenNoHeaderThenABearerTokenAfterTheFlow() {
    OAuthAuthorization auth = client();
    assertThat(auth.headers("POST", as.mcp())).isEmpty();

    assertThat(auth.refused(refusal(401, "Bearer resource_metadata=\"" + prm() + "\"", 1)))
        .isTrue();

    assertThat(auth.headers("POST", as.mcp())).containsEntry("Authorization", "Bearer token-1");
  }

  @Test
  void pkceS256AndTheResourceParameterAsPublished() throws Exception {
    OAuthAuthorization auth = client();
    auth.refused(refusal(401, "Bearer", 1));

    Map<String, String> authorize = as.authorizeRequests.getFirst();
    Map<String, String> token = as.tokenRequests.getFirst();
    assertThat(authorize).containsEntry("code_challenge_method", "S256");
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(token.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
    assertThat(authorize.get("code_challenge")).isEqualTo(challenge);
    assertThat(authorize.get("resource")).isEqualTo(as.origin + "/mcp");
    assertThat(token.get("resource")).isEqualTo(as.origin + "/mcp");
    assertThat(token.get("grant_type")).isEqualTo("authorization_code");
  }

  @Test
  void resourceMetadataFallsBackToTheRootAndServerMetadataToOpenId() {
    as.pathSuffixedResourceMetadata = false;
    as.metadataAt = FakeAuthorizationServer.MetadataAt.OPENID;
    OAuthAuthorization auth = client();

    assertThat(auth.refused(refusal(401, "Bearer", 1))).isTrue();

    assertThat(as.paths)
        .containsSubsequence(
            "/.well-known/oauth-protected-resource/mcp",
            "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-authorization-server",
            "/.well-known/openid-configuration",
            "/authorize",
            "/token");
  }

  @Test
  void withoutAnyMetadataTheDefaultEndpointsOfRevision20250326() {
    as.pathSuffixedResourceMetadata = false;
    as.rootResourceMetadata = false;
    as.metadataAt = FakeAuthorizationServer.MetadataAt.NOWHERE;
    OAuthAuthorization auth = client();

    assertThat(auth.refused(refusal(401, "Bearer", 1))).isTrue();

    assertThat(as.paths).containsSubsequence("/register", "/authorize", "/token");
    assertThat(auth.headers("POST", as.mcp())).containsKey("Authorization");
  }

  @Test
  void scopeFromTheChallengeFirstThenScopesSupportedElseNone() {
    as.scopesSupported = List.of("mcp:read", "mcp:write");
    client().refused(refusal(401, "Bearer scope=\"mcp:basic\"", 1));
    client().refused(refusal(401, "Bearer", 1));
    as.scopesSupported = List.of();
    client().refused(refusal(401, "Bearer", 1));

    assertThat(as.authorizeRequests.get(0).get("scope")).isEqualTo("mcp:basic");
    assertThat(as.authorizeRequests.get(1).get("scope")).isEqualTo("mcp:read mcp:write");
    assertThat(as.authorizeRequests.get(2)).doesNotContainKey("scope");
  }

  @Test
  void offlineAccessOnlyWhenTheAuthorizationServerListsIt() {
    as.scopesSupported = List.of("mcp:basic");
    client().refused(refusal(401, "Bearer", 1));
    as.asScopesSupported = List.of("mcp:basic", "offline_access");
    client().refused(refusal(401, "Bearer", 1));

    assertThat(as.authorizeRequests.get(0).get("scope")).isEqualTo("mcp:basic");
    assertThat(as.authorizeRequests.get(1).get("scope")).isEqualTo("mcp:basic offline_access");
  }

  @Test
  void stepUpAsksForTheUnionAndStopsAtTheLimit() {
    OAuthAuthorization auth = OAuthAuthorization.builder(as.mcp()).maxAuthorizations(2).build();
    String insufficient = "Bearer error=\"insufficient_scope\", scope=\"mcp:write\"";

    assertThat(auth.refused(refusal(401, "Bearer scope=\"mcp:basic\"", 1))).isTrue();
    assertThat(auth.refused(refusal(403, insufficient, 2))).isTrue();
    assertThat(auth.refused(refusal(403, insufficient, 3))).isFalse();

    assertThat(as.authorizeRequests).hasSize(2);
    assertThat(as.authorizeRequests.get(1).get("scope")).isEqualTo("mcp:basic mcp:write");
  }

  @Test
  void aForbiddenAnswerWithoutInsufficientScopeIsNotRetried() {
    assertThat(client().refused(refusal(403, "Bearer error=\"invalid_token\"", 1))).isFalse();
    assertThat(as.authorizeRequests).isEmpty();
  }

  @Test
  void tokensAboutToExpireAreRefreshedBeforeUse() {
    as.expiresIn = 5; // inside the refresh margin: the next request refreshes first
    OAuthAuthorization auth = client();
    auth.refused(refusal(401, "Bearer", 1));

    assertThat(auth.headers("POST", as.mcp())).containsEntry("Authorization", "Bearer token-2");

    Map<String, String> refresh = as.tokenRequests.get(1);
    assertThat(refresh).containsEntry("grant_type", "refresh_token");
    assertThat(refresh).containsEntry("refresh_token", "refresh-1");
    assertThat(refresh).containsEntry("resource", as.origin + "/mcp");
  }

  @Test
  void metadataForAnotherResourceIsRefused() {
    OAuthAuthorization auth =
        OAuthAuthorization.builder(URI.create("http://localhost:1/elsewhere")).build();

    assertThatThrownBy(
            () ->
                auth.refused(
                    new Refusal(
                        401,
                        "POST",
                        URI.create("http://localhost:1/elsewhere"),
                        Map.of(
                            "www-authenticate",
                            List.of("Bearer resource_metadata=\"" + prm() + "\"")),
                        1)))
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("not http://localhost:1/elsewhere");
    assertThat(as.authorizeRequests).isEmpty();
  }

  @Test
  void tokensNeverShowInToString() {
    Tokens tokens =
        new Tokens(
            "https://as", "secret-access", false, "secret-refresh", null, java.util.Set.of());
    ClientRegistration registration =
        new ClientRegistration("https://as", "id", "secret-client", "client_secret_basic");
    assertThat(tokens.toString()).doesNotContain("secret");
    assertThat(registration.toString()).doesNotContain("secret-client");
  }
}
