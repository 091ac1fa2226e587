package dev.mcpkit.transport.jetty;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.ScopedPrincipal;
import java.util.Set;

/**
 * A test authenticator that grants what the token says: {@code Authorization: Bearer
 * name:scope1,scope2} is the principal {@code name} holding those scopes ({@code Bearer name:}
 * holds none). Stands in for an OAuth resource server; never blocks, so requests that nothing else
 * may block are served on the I/O thread.
 */
class ScopedPrincipals implements Authenticator {

  /** A principal with scopes. */
  record Caller(String getName, Set<String> scopes) implements ScopedPrincipal {}

  @Override
  public Decision authenticate(Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return new Reject("Bearer realm=\"test\"", "Unauthorized: a bearer token is required");
    }
    String token = authorization.substring("Bearer ".length());
    int colon = token.indexOf(':');
    if (colon <= 0) {
      return new Reject(
          "Bearer realm=\"test\", error=\"invalid_token\"", "Unauthorized: malformed token");
    }
    String scopes = token.substring(colon + 1);
    return new Accept(
        new Caller(
            token.substring(0, colon), scopes.isEmpty() ? Set.of() : Set.of(scopes.split(","))));
  }

  @Override
  public InvocationType invocationType() {
    return InvocationType.NON_BLOCKING;
  }

  /** The same, with a challenge that also names the protected resource's metadata. */
  static final class WithMetadata extends ScopedPrincipals {
    @Override
    public String insufficientScope(Set<String> requiredScopes) {
      return "Bearer error=\"insufficient_scope\", scope=\""
          + String.join(" ", requiredScopes)
          + "\", resource_metadata=\"https://mcp.example/.well-known/oauth-protected-resource\"";
    }
  }

  /** The same, with a challenge that would split the response: the standard one replaces it. */
  static final class WithBrokenChallenge extends ScopedPrincipals {
    @Override
    public String insufficientScope(Set<String> requiredScopes) {
      return "Bearer error=\"insufficient_scope\"\r\nX-Injected: yes";
    }
  }
}
