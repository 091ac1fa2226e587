package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Checks and copies the required scopes of a tool, resource, resource template or prompt. Each must
 * be an RFC 6749 scope token (section 3.3: one or more printable ASCII characters other than space,
 * {@code "} and {@code \}), so that it can be named in a {@code WWW-Authenticate} challenge as it
 * is.
 */
final class RequiredScopes {
  private RequiredScopes() {}

  /**
   * Validates and copies scopes.
   *
   * @param scopes the scopes
   * @param owner names what they belong to, for the error message
   * @return an immutable copy
   * @throws IllegalArgumentException if a scope is not a scope token
   */
  static Set<String> copyOf(Set<String> scopes, String owner) {
    Set<String> copy = Set.copyOf(requireNonNull(scopes, "requiredScopes"));
    for (String scope : copy) {
      if (!isScopeToken(scope)) {
        throw new IllegalArgumentException(
            "required scope '"
                + scope
                + "' of "
                + owner
                + " is not an RFC 6749 scope token (printable ASCII without space, '\"' and '\\')");
      }
    }
    return copy;
  }

  /**
   * Validates and copies scopes given as arguments.
   *
   * @param scopes the scopes; duplicates count once
   * @param owner names what they belong to, for the error message
   * @return an immutable copy
   */
  static Set<String> copyOf(String[] scopes, String owner) {
    requireNonNull(scopes, "scopes");
    Set<String> distinct = new java.util.HashSet<>();
    for (String scope : scopes) {
      distinct.add(requireNonNull(scope, "scope"));
    }
    return copyOf(distinct, owner);
  }

  private static boolean isScopeToken(String scope) {
    if (scope.isEmpty()) {
      return false;
    }
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
