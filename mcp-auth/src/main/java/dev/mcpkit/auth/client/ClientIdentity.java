package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.client.ClientInformationResponse;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationErrorResponse;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationRequest;
import com.nimbusds.oauth2.sdk.client.ClientRegistrationResponse;
import dev.mcpkit.api.client.McpClientException;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How the client identifies itself to an authorization server, in the specification's order: a
 * registration already kept for that issuer (pre-registered, or from before), a client id
 * pre-registered for whichever server the MCP server names, a Client ID Metadata Document when the
 * server accepts them, else Dynamic Client Registration (RFC 7591). A registration is bound to its
 * issuer: credentials of one server are never shown to another.
 *
 * <p>Thread-safety: thread-safe; the store is, the rest is final.
 */
final class ClientIdentity {
  private final TokenStore store;
  private final URI redirectUri;
  private final String clientName;
  private final @Nullable URI metadataDocument;
  private final @Nullable String clientId;
  private final @Nullable String clientSecret;

  ClientIdentity(
      TokenStore store,
      URI redirectUri,
      String clientName,
      @Nullable URI metadataDocument,
      @Nullable String clientId,
      @Nullable String clientSecret) {
    this.store = store;
    this.redirectUri = redirectUri;
    this.clientName = clientName;
    this.metadataDocument = metadataDocument;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** The registration to use with {@code server}, registering first when needed. */
  ClientRegistration at(AuthServer server) {
    ClientRegistration kept = store.registration(server.issuer()).orElse(null);
    if (kept != null) {
      return kept;
    }
    ClientRegistration registration;
    if (clientId != null) {
      registration =
          new ClientRegistration(
              server.issuer(),
              clientId,
              clientSecret,
              clientSecret == null ? "none" : secretMethodFor(server));
    } else if (metadataDocument != null && server.acceptsClientIdMetadataDocuments()) {
      registration =
          new ClientRegistration(server.issuer(), metadataDocument.toString(), null, "none");
    } else if (server.metadata().getRegistrationEndpointURI() != null) {
      registration = register(server);
    } else {
      throw new McpClientException(
          "the authorization server "
              + server.issuer()
              + " offers no client registration and no client id is configured for it",
          null);
    }
    store.saveRegistration(registration);
    return registration;
  }

  private ClientRegistration register(AuthServer server) {
    String method = authMethodFor(server);
    ClientMetadata metadata = new ClientMetadata();
    metadata.setRedirectionURI(redirectUri);
    metadata.setName(clientName);
    metadata.setGrantTypes(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN));
    metadata.setResponseTypes(Set.of(new ResponseType(ResponseType.Value.CODE)));
    metadata.setTokenEndpointAuthMethod(new ClientAuthenticationMethod(method));
    // A client that receives its code on a redirect URI of its own, not a web site's.
    metadata.setCustomField("application_type", "native");
    ClientRegistrationResponse answer;
    try {
      answer =
          ClientRegistrationResponse.parse(
              OAuthHttp.withTimeouts(
                      new ClientRegistrationRequest(
                              server.metadata().getRegistrationEndpointURI(), metadata, null)
                          .toHTTPRequest())
                  .send());
    } catch (IOException | ParseException e) {
      throw new McpClientException("client registration failed: " + e.getMessage(), e);
    }
    if (answer instanceof ClientRegistrationErrorResponse error) {
      throw new McpClientException(
          "the authorization server "
              + server.issuer()
              + " refused the registration: "
              + error.getErrorObject().getCode(),
          null);
    }
    ClientInformation info = ((ClientInformationResponse) answer).getClientInformation();
    String secret = info.getSecret() == null ? null : info.getSecret().getValue();
    ClientAuthenticationMethod granted = info.getMetadata().getTokenEndpointAuthMethod();
    String authMethod = granted != null ? granted.getValue() : method;
    if (secret == null) {
      authMethod = "none";
    }
    return new ClientRegistration(server.issuer(), info.getID().getValue(), secret, authMethod);
  }

  /**
   * The authentication to register with: {@code none} (a public client, what a native client is)
   * when the server lists it, else a secret as the server prefers.
   */
  private static String authMethodFor(AuthServer server) {
    if (server.listsNoAuthMethods() || server.supportsAuthMethod("none")) {
      return "none";
    }
    if (server.supportsAuthMethod("client_secret_basic")) {
      return "client_secret_basic";
    }
    if (server.supportsAuthMethod("client_secret_post")) {
      return "client_secret_post";
    }
    return "none";
  }

  /**
   * The method for a pre-registered secret at {@code server}: Basic unless the server only lists
   * {@code client_secret_post}.
   */
  static String secretMethodFor(AuthServer server) {
    return !server.supportsAuthMethod("client_secret_basic")
            && server.supportsAuthMethod("client_secret_post")
        ? "client_secret_post"
        : "client_secret_basic";
  }
}
