package dev.mcpkit.auth.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The tokens an authorization server issued for one MCP server. {@link #toString()} shows no token.
 *
 * @param issuer the authorization server that issued them
 * @param accessToken the access token
 * @param dpop whether the access token is bound to the client's DPoP key (else a bearer token)
 * @param refreshToken the refresh token, if one was issued
 * @param expiresAt when the access token expires, if the server said
 * @param scopes the scopes granted (or requested, when the server did not say)
 */
public record Tokens(
    String issuer,
    String accessToken,
    boolean dpop,
    @Nullable String refreshToken,
    @Nullable Instant expiresAt,
    Set<String> scopes) {
  /** Copies the scopes. */
  public Tokens {
    requireNonNull(issuer, "issuer");
    requireNonNull(accessToken, "accessToken");
    scopes = Set.copyOf(scopes);
  }

  /**
   * Whether the access token expires before {@code instant}.
   *
   * @param instant the moment
   * @return {@code true} when it has an expiry before then
   */
  public boolean expiresBefore(Instant instant) {
    return expiresAt != null && expiresAt.isBefore(instant);
  }

  @Override
  public String toString() {
    return "Tokens[issuer="
        + issuer
        + ", dpop="
        + dpop
        + ", refreshable="
        + (refreshToken != null)
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + "]";
  }
}
