package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.auth.server.ResourceServer;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How an example server is protected as an OAuth resource server: {@code --auth-issuer URL} (the
 * authorization server), {@code --auth-resource URI} (the canonical resource URI tokens must name
 * in {@code aud}; default: the endpoint's URL) and {@code --auth-scopes a,b} (scopes every request
 * needs; default none).
 *
 * @param issuer the authorization server's issuer identifier
 * @param resource the canonical resource URI, or {@code null} for the endpoint's URL
 * @param scopes the required scopes
 */
record AuthOptions(URI issuer, @Nullable URI resource, List<String> scopes) {
  AuthOptions {
    requireNonNull(issuer, "issuer");
    scopes = List.copyOf(scopes);
  }

  /**
   * The resource server for an endpoint.
   *
   * @param endpoint the MCP endpoint's URL, the resource when none was given
   * @throws IllegalArgumentException if a URI is not an absolute http(s) URI
   */
  ResourceServer resourceServer(URI endpoint) {
    return ResourceServer.builder()
        .resource(resource != null ? resource : endpoint)
        .authorizationServer(issuer)
        .requiredScopes(scopes.toArray(String[]::new))
        .build();
  }
}
