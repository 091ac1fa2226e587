package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** How the client obtains its tokens: the grant the builder chose. Immutable values. */
sealed interface Grant {
  /** The authorization code grant with PKCE, through a user agent (the default). */
  record AuthorizationCode() implements Grant {}

  /**
   * The client credentials grant (extension {@code oauth-client-credentials}) with a secret, or a
   * signed JWT assertion when {@code signer} is set.
   */
  record ClientCredentials(
      String clientId,
      @Nullable String secret,
      @Nullable Function<String, ClientAuthentication> signer)
      implements Grant {}

  /** The JWT bearer grant (RFC 7523) with a workload's identity token (SEP-1933). */
  record JwtBearer(String clientId, Supplier<String> assertion) implements Grant {}

  /**
   * Enterprise-managed authorization (SEP-990): the enterprise IdP exchanges the user's ID token
   * for an identity assertion grant (ID-JAG, RFC 8693), which the authorization server takes as a
   * JWT bearer grant.
   */
  record EnterpriseManaged(
      String clientId,
      String clientSecret,
      URI idpTokenEndpoint,
      String idpClientId,
      Supplier<String> idToken)
      implements Grant {}
}
