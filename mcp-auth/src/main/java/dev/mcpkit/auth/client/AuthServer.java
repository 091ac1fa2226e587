package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.Issuer;
import dev.mcpkit.api.client.McpClientException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An authorization server as the client found it: its issuer identifier and metadata (RFC 8414 or
 * OpenID Connect Discovery), or for a server of revision 2025-03-26 without metadata the default
 * endpoints at the MCP server's origin. Immutable once found.
 *
 * @param issuer the issuer identifier, as recorded before fetching the metadata
 * @param metadata the metadata, its issuer equal to {@code issuer}
 */
record AuthServer(String issuer, AuthorizationServerMetadata metadata) {

  /**
   * Fetches the metadata of the issuer {@code issuer}: the RFC 8414 location with the issuer's path
   * inserted, then the OpenID Connect ones. Refuses metadata whose {@code issuer} differs from the
   * issuer it was fetched for (RFC 8414 section 3.3).
   */
  static AuthServer discover(String issuer) {
    URI uri = URI.create(issuer);
    String origin = ResourceMetadata.origin(uri);
    String path = ResourceMetadata.trimmedPath(uri);
    List<URI> candidates = new ArrayList<>();
    candidates.add(URI.create(origin + "/.well-known/oauth-authorization-server" + path));
    candidates.add(URI.create(origin + "/.well-known/openid-configuration" + path));
    if (!path.isEmpty()) {
      candidates.add(URI.create(origin + path + "/.well-known/openid-configuration"));
    }
    AuthServer found = fetchFirst(issuer, candidates, true);
    if (found == null) {
      throw new McpClientException(
          "no authorization server metadata found for " + issuer + " at " + candidates, null);
    }
    return found;
  }

  /**
   * Revision 2025-03-26, a server without protected resource metadata: the authorization server is
   * at the MCP server's origin, its metadata at {@code /.well-known/oauth-authorization-server}
   * there, else the default endpoints {@code /authorize}, {@code /token} and {@code /register}.
   */
  static AuthServer legacy(URI server) {
    String origin = ResourceMetadata.origin(server);
    // The location comes from the MCP server's URL, not from an issuer: there is no issuer to
    // compare with, so the metadata's own is recorded (and later compared with iss).
    AuthServer found =
        fetchFirst(
            origin, List.of(URI.create(origin + "/.well-known/oauth-authorization-server")), false);
    if (found != null) {
      return found;
    }
    AuthorizationServerMetadata defaults = new AuthorizationServerMetadata(new Issuer(origin));
    defaults.setAuthorizationEndpointURI(URI.create(origin + "/authorize"));
    defaults.setTokenEndpointURI(URI.create(origin + "/token"));
    defaults.setRegistrationEndpointURI(URI.create(origin + "/register"));
    return new AuthServer(origin, defaults);
  }

  private static @Nullable AuthServer fetchFirst(
      String issuer, List<URI> candidates, boolean sameIssuer) {
    for (URI candidate : candidates) {
      String body = OAuthHttp.getJson(candidate);
      if (body == null) {
        continue;
      }
      AuthorizationServerMetadata metadata;
      try {
        metadata = AuthorizationServerMetadata.parse(body);
      } catch (ParseException e) {
        continue;
      }
      String published = metadata.getIssuer().getValue();
      if (!sameIssuer) {
        return new AuthServer(published, metadata);
      }
      if (!issuer.equals(published)) {
        throw new McpClientException(
            "the authorization server metadata at "
                + candidate
                + " names the issuer "
                + published
                + " instead of "
                + issuer
                + ": refused",
            null);
      }
      return new AuthServer(issuer, metadata);
    }
    return null;
  }

  /** Whether the metadata lists {@code scope} in {@code scopes_supported}. */
  boolean supportsScope(String scope) {
    return metadata.getScopes() != null && metadata.getScopes().contains(scope);
  }

  /** Whether the server accepts Client ID Metadata Documents as client ids. */
  boolean acceptsClientIdMetadataDocuments() {
    return Boolean.TRUE.equals(
        metadata.getCustomParameter("client_id_metadata_document_supported"));
  }

  /** Whether the metadata lists the token endpoint authentication method {@code method}. */
  boolean supportsAuthMethod(String method) {
    return metadata.getTokenEndpointAuthMethods() != null
        && metadata.getTokenEndpointAuthMethods().stream()
            .anyMatch(m -> m.getValue().equals(method));
  }

  /** Whether the metadata lists no token endpoint authentication method. */
  boolean listsNoAuthMethods() {
    return metadata.getTokenEndpointAuthMethods() == null
        || metadata.getTokenEndpointAuthMethods().isEmpty();
  }
}
