package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

/**
 * An upstream's own OAuth credentials: the gateway acts on its own behalf toward that upstream with
 * the client credentials grant, through mcp-auth's {@code OAuthAuthorization}. As the MCP
 * specification has a client do, it finds the authorization server, the resource and the scopes in
 * the upstream's challenge and protected resource metadata (RFC 9728), and refreshes the token
 * before it expires. In a configuration file the secret is named by an environment variable ({@code
 * clientSecretEnv}), never written inline.
 *
 * @param clientId the gateway's client id at the upstream's authorization server
 * @param clientSecret its secret; never logged or printed
 */
public record UpstreamOAuth(String clientId, String clientSecret) {
  /** Validates the fields. */
  public UpstreamOAuth {
    requireNonNull(clientId, "clientId");
    requireNonNull(clientSecret, "clientSecret");
    if (clientId.isBlank() || clientSecret.isEmpty()) {
      throw new IllegalArgumentException("oauth: clientId and the secret must not be blank");
    }
  }

  @Override
  public String toString() {
    return "UpstreamOAuth[clientId=" + clientId + "]"; // never the secret
  }
}
