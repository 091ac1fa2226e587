package dev.mcpkit.api;

import java.security.Principal;
import java.util.Set;

/**
 * A principal that carries the scopes it was granted, such as the scopes of an OAuth access token.
 * The engine compares them with the {@linkplain dev.mcpkit.api.server.Tool#requiredScopes()
 * required scopes} of tools, resources, resource templates and prompts: what a principal lacks a
 * scope for is left out of the lists it receives, and a request for it is refused (over HTTP: 403
 * with a {@code WWW-Authenticate: Bearer error="insufficient_scope"} challenge naming the scopes
 * needed, so that an OAuth client can ask for them).
 *
 * <p>A principal that is not a {@code ScopedPrincipal}, and an anonymous request (no principal),
 * hold no scopes: they see and reach only what requires none.
 *
 * {@snippet :
 * record ServicePrincipal(String getName, Set<String> scopes) implements ScopedPrincipal {}
 *
 * Authenticator authenticator = request -> new Authenticator.Accept(
 *     new ServicePrincipal("reporting", Set.of("reports:read")));
 * }
 *
 * <p>Implementations must be immutable, or at least return the same scopes for the life of a
 * request: the engine reads them more than once while serving it.
 */
public interface ScopedPrincipal extends Principal {

  /**
   * Returns the scopes granted to this principal.
   *
   * @return the granted scopes, each an RFC 6749 scope token; empty if none
   */
  Set<String> scopes();
}
