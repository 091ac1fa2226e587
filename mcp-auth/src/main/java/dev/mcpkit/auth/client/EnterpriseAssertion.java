package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.mcpkit.api.client.McpClientException;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Enterprise-managed authorization (SEP-990), first step: the enterprise IdP exchanges the user's
 * ID token for an identity assertion JWT authorization grant (ID-JAG) for one authorization server
 * and resource (RFC 8693 token exchange). Stateless.
 */
final class EnterpriseAssertion {
  private static final TokenTypeURI ID_JAG;

  static {
    try {
      ID_JAG = TokenTypeURI.parse("urn:ietf:params:oauth:token-type:id-jag");
    } catch (ParseException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private EnterpriseAssertion() {}

  /** The ID-JAG for the authorization server {@code issuer} and {@code resource}. */
  static String exchange(Grant.EnterpriseManaged grant, String issuer, URI resource) {
    TokenRequest request =
        new TokenRequest.Builder(
                grant.idpTokenEndpoint(),
                new ClientID(grant.idpClientId()),
                new TokenExchangeGrant(
                    new TypelessAccessToken(grant.idToken().get()),
                    TokenTypeURI.ID_TOKEN,
                    null,
                    null,
                    ID_JAG,
                    List.of(new Audience(issuer))))
            .resources(resource)
            .build();
    TokenResponse answer;
    try {
      answer = TokenResponse.parse(OAuthHttp.withTimeouts(request.toHTTPRequest()).send());
    } catch (IOException | ParseException e) {
      throw new McpClientException("the token exchange at the IdP failed: " + e.getMessage(), e);
    }
    if (!answer.indicatesSuccess()) {
      ErrorObject error = answer.toErrorResponse().getErrorObject();
      throw new McpClientException("the IdP refused the token exchange: " + error.getCode(), null);
    }
    return answer.toSuccessResponse().getTokens().getAccessToken().getValue();
  }
}
