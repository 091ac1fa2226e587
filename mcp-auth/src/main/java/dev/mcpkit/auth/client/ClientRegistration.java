package dev.mcpkit.auth.client;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * How this client is known to one authorization server: its client id and, for a confidential
 * client, its secret and the token endpoint authentication method. Credentials belong to the server
 * that issued them and are never presented to another. {@link #toString()} shows no secret.
 *
 * @param issuer the authorization server's issuer identifier
 * @param clientId the client id (an {@code https} URL for a Client ID Metadata Document)
 * @param clientSecret the client secret, or {@code null} for a public client
 * @param authMethod the token endpoint authentication method: {@code none}, {@code
 *     client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt}
 */
public record ClientRegistration(
    String issuer, String clientId, @Nullable String clientSecret, String authMethod) {
  /** Validates. */
  public ClientRegistration {
    requireNonNull(issuer, "issuer");
    requireNonNull(clientId, "clientId");
    requireNonNull(authMethod, "authMethod");
  }

  @Override
  public String toString() {
    return "ClientRegistration[issuer="
        + issuer
        + ", clientId="
        + clientId
        + ", authMethod="
        + authMethod
        + "]";
  }
}
