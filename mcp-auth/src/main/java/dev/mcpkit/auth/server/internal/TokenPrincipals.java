package dev.mcpkit.auth.server.internal;

import dev.mcpkit.auth.TokenPrincipal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link TokenPrincipal} of validated claims, whether from a JWT or an introspection
 * answer: the subject ({@code sub}, else the client id for a client credentials token), the client
 * ({@code client_id}, else {@code azp}), the scopes ({@code scope}, space-separated, else {@code
 * scp}, a list or a string). Stateless.
 */
final class TokenPrincipals {
  private TokenPrincipals() {}

  /**
   * Makes the principal.
   *
   * @param claims the claims, JSON values as Java values; {@code null} values are dropped
   * @throws InvalidTokenException if the claims name neither a subject nor a client
   */
  static TokenPrincipal of(Map<String, ?> claims) throws InvalidTokenException {
    String clientId = text(claims.get("client_id"));
    if (clientId == null) {
      clientId = text(claims.get("azp"));
    }
    String subject = text(claims.get("sub"));
    if (subject == null) {
      subject = clientId;
    }
    if (subject == null) {
      throw new InvalidTokenException("the token names no subject");
    }
    Map<String, Object> kept = new HashMap<>();
    claims.forEach(
        (name, value) -> {
          if (value != null) {
            kept.put(name, value);
          }
        });
    return new TokenPrincipal(subject, clientId, scopes(claims), kept);
  }

  private static Set<String> scopes(Map<String, ?> claims) {
    Set<String> scopes = new LinkedHashSet<>();
    Object scope = claims.get("scope");
    Object scp = scope != null ? scope : claims.get("scp");
    if (scp instanceof String text) {
      for (String one : text.split(" ")) {
        if (!one.isEmpty()) {
          scopes.add(one);
        }
      }
    } else if (scp instanceof Collection<?> list) {
      for (Object one : list) {
        if (one instanceof String text && !text.isEmpty()) {
          scopes.add(text);
        }
      }
    }
    return scopes;
  }

  private static @Nullable String text(@Nullable Object value) {
    return value instanceof String text && !text.isBlank() ? text : null;
  }
}
