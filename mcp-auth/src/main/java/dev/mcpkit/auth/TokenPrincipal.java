package dev.mcpkit.auth;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ScopedPrincipal;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who an accepted OAuth access token speaks for: the principal that reaches handlers through their
 * context and that the session is bound to (sessions compare principals by {@link #getName()}, the
 * subject). Immutable.
 *
 * @param subject the token's subject ({@code sub}); for a token without one (a client credentials
 *     grant), the client id
 * @param clientId the OAuth client the token was issued to ({@code client_id} or {@code azp}), or
 *     {@code null} if the token does not say
 * @param scopes the scopes the token grants
 * @param claims every claim of the token (or of its introspection answer), for handlers that need
 *     more; JSON values as Java values (strings, numbers, booleans, lists, maps)
 */
public record TokenPrincipal(
    String subject, @Nullable String clientId, Set<String> scopes, Map<String, Object> claims)
    implements ScopedPrincipal {

  /** Validates the fields and copies the collections. */
  public TokenPrincipal {
    requireNonNull(subject, "subject");
    if (subject.isBlank()) {
      throw new IllegalArgumentException("subject must not be blank");
    }
    scopes = Set.copyOf(requireNonNull(scopes, "scopes"));
    claims = Map.copyOf(requireNonNull(claims, "claims"));
  }

  /**
   * Returns the subject, by which sessions are bound to this principal.
   *
   * @return the subject
   */
  @Override
  public String getName() {
    return subject;
  }

  /**
   * Tells whether the token grants every one of the given scopes.
   *
   * @param required the scopes needed
   * @return {@code true} if each is granted
   */
  public boolean hasScopes(Set<String> required) {
    return scopes.containsAll(required);
  }
}
