package dev.mcpkit.auth.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.mcpkit.api.client.McpClientException;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Token requests (OAuth 2.1 section 3.2): built with the client's authentication, sent with a DPoP
 * proof when the client uses DPoP (again once with the server's nonce on {@code use_dpop_nonce}),
 * answered with {@link Tokens}. Stateless.
 */
final class TokenEndpoint {
  private TokenEndpoint() {}

  /**
   * A token request builder for {@code grant}, authenticated as {@code registration} says: secret
   * in a Basic header or in the body, a signed JWT ({@code signer}), or the client id alone.
   */
  static TokenRequest.Builder builder(
      URI endpoint,
      ClientRegistration registration,
      AuthorizationGrant grant,
      @Nullable Function<String, ClientAuthentication> signer) {
    ClientID id = new ClientID(registration.clientId());
    String secret = registration.clientSecret();
    ClientAuthentication authentication =
        switch (registration.authMethod()) {
          case "client_secret_basic" ->
              secret == null ? null : new ClientSecretBasic(id, new Secret(secret));
          case "client_secret_post" ->
              secret == null ? null : new ClientSecretPost(id, new Secret(secret));
          case "private_key_jwt" -> signer == null ? null : signer.apply(registration.issuer());
          default -> null;
        };
    return authentication != null
        ? new TokenRequest.Builder(endpoint, authentication, grant)
        : new TokenRequest.Builder(endpoint, id, grant);
  }

  /** Sends a token request and reads the tokens; the scopes are those requested. */
  static Tokens send(
      AuthServer server,
      TokenRequest.Builder request,
      Set<String> scopes,
      @Nullable DPoPProofs dpop,
      @Nullable String previousRefreshToken) {
    if (!scopes.isEmpty()) {
      request.scope(new Scope(scopes.toArray(String[]::new)));
    }
    URI endpoint = server.metadata().getTokenEndpointURI();
    for (int attempt = 1; ; attempt++) {
      HTTPRequest http = OAuthHttp.withTimeouts(request.build().toHTTPRequest());
      if (dpop != null) {
        http.setDPoP(dpop.forTokenRequest(endpoint));
      }
      HTTPResponse response;
      TokenResponse answer;
      try {
        response = http.send();
        answer = TokenResponse.parse(response);
      } catch (IOException | ParseException e) {
        throw new McpClientException("the token request failed: " + e.getMessage(), e);
      }
      if (!answer.indicatesSuccess()) {
        ErrorObject error = answer.toErrorResponse().getErrorObject();
        if (dpop != null
            && attempt == 1
            && "use_dpop_nonce".equals(error.getCode())
            && response.getDPoPNonce() != null) {
          dpop.authServerNonce(response.getDPoPNonce());
          continue;
        }
        throw new McpClientException(
            "the token endpoint of "
                + server.issuer()
                + " refused the request: "
                + error.getCode()
                + (error.getDescription() == null ? "" : " (" + error.getDescription() + ")"),
            null);
      }
      return tokensOf(server.issuer(), answer.toSuccessResponse(), scopes, previousRefreshToken);
    }
  }

  private static Tokens tokensOf(
      String issuer,
      AccessTokenResponse answer,
      Set<String> requested,
      @Nullable String previousRefreshToken) {
    AccessToken access = answer.getTokens().getAccessToken();
    RefreshToken refresh = answer.getTokens().getRefreshToken();
    Set<String> scopes =
        access.getScope() == null
            ? requested
            : new LinkedHashSet<>(access.getScope().toStringList());
    return new Tokens(
        issuer,
        access.getValue(),
        AccessTokenType.DPOP.equals(access.getType()),
        refresh != null ? refresh.getValue() : previousRefreshToken,
        access.getLifetime() > 0 ? Instant.now().plusSeconds(access.getLifetime()) : null,
        scopes);
  }

  /** A {@code private_key_jwt} authentication whose audience is the issuer. */
  static Function<String, ClientAuthentication> keySigner(
      String clientId, PrivateKey key, String algorithm) {
    return issuer -> {
      try {
        return new PrivateKeyJWT(
            new JWTAuthenticationClaimsSet(new ClientID(clientId), new Audience(issuer)),
            JWSAlgorithm.parse(algorithm),
            key,
            null,
            null);
      } catch (JOSEException e) {
        throw new McpClientException("cannot sign the client assertion: " + e.getMessage(), e);
      }
    };
  }
}
