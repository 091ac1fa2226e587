package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.mcpkit.api.client.McpClientException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authorization code grant with PKCE (S256) and the {@code resource} parameter: the request
 * through the user agent, the checks of the answer ({@code state}; {@code iss} per RFC 9207,
 * compared as a plain string with the issuer recorded before the flow), the code for tokens.
 *
 * @param browser the user agent
 * @param redirectUri the client's redirect URI
 */
record CodeFlow(AuthorizationBrowser browser, URI redirectUri) {

  Tokens run(
      AuthServer server,
      ClientRegistration client,
      URI resource,
      Set<String> scopes,
      @Nullable DPoPProofs dpop) {
    URI endpoint = server.metadata().getAuthorizationEndpointURI();
    if (endpoint == null) {
      throw new McpClientException(server.issuer() + " names no authorization endpoint", null);
    }
    CodeVerifier verifier = new CodeVerifier();
    State state = new State();
    AuthorizationRequest.Builder request =
        new AuthorizationRequest.Builder(
                new ResponseType(ResponseType.Value.CODE), new ClientID(client.clientId()))
            .endpointURI(endpoint)
            .redirectionURI(redirectUri)
            .state(state)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .resources(resource);
    if (!scopes.isEmpty()) {
      request.scope(new Scope(scopes.toArray(String[]::new)));
    }
    URI answer = browser.authorize(request.build().toURI(), redirectUri);
    Map<String, List<String>> params = URLUtils.parseParameters(answer.getRawQuery());
    String error = first(params, "error");
    if (error != null) {
      throw new McpClientException(
          "the authorization server " + server.issuer() + " refused the authorization: " + error,
          null);
    }
    if (!state.getValue().equals(first(params, "state"))) {
      throw new McpClientException("the authorization response carries the wrong state", null);
    }
    String iss = first(params, "iss");
    if (iss == null && server.metadata().supportsAuthorizationResponseIssuerParam()) {
      throw new McpClientException(
          "the authorization response lacks the iss parameter its server promised (RFC 9207)",
          null);
    }
    if (iss != null && !iss.equals(server.issuer())) {
      throw new McpClientException(
          "the authorization response comes from issuer "
              + iss
              + ", not "
              + server.issuer()
              + " (RFC 9207): refused",
          null);
    }
    String code = first(params, "code");
    if (code == null) {
      throw new McpClientException("the authorization response carries no code", null);
    }
    TokenRequest.Builder tokens =
        TokenEndpoint.builder(
                server.metadata().getTokenEndpointURI(),
                client,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier),
                null)
            .resources(resource);
    return TokenEndpoint.send(server, tokens, scopes, dpop, null);
  }

  private static @Nullable String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
