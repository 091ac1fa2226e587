package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.auth.server.ResourceServer;
import dev.mcpkit.transport.jetty.Authenticator;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How clients authenticate at the gateway: static bearer tokens, or OAuth access tokens of an
 * authorization server (the gateway an OAuth resource server, {@link ResourceServer}). The
 * principal is bound to the client's session at the gateway; the client's credentials end there and
 * never reach an upstream, which sees only its own ({@link UpstreamConfig#headers()}, {@link
 * UpstreamConfig#oauth()}).
 *
 * @param tokens for static tokens: each accepted token mapped to its principal's name; empty for
 *     OAuth
 * @param issuer for OAuth: the authorization server's issuer; {@code null} for static tokens
 * @param resource for OAuth: the canonical resource URI tokens must name in {@code aud}, or {@code
 *     null} for the gateway's endpoint URL
 * @param scopes for OAuth: the scopes every request needs; may be empty
 */
public record GatewayAuth(
    Map<String, String> tokens, @Nullable URI issuer, @Nullable URI resource, List<String> scopes) {

  /** Validates that exactly one of static tokens and an issuer is given, and copies. */
  public GatewayAuth {
    tokens = Map.copyOf(requireNonNull(tokens, "tokens"));
    scopes = List.copyOf(requireNonNull(scopes, "scopes"));
    if (tokens.isEmpty() == (issuer == null)) {
      throw new IllegalArgumentException("auth: give either tokens or an issuer, not both");
    }
    if (issuer == null && (resource != null || !scopes.isEmpty())) {
      throw new IllegalArgumentException("auth: resource and scopes need an issuer");
    }
    tokens.forEach(
        (token, name) -> {
          if (token.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException(
                "auth: tokens and principal names must not be blank");
          }
        });
  }

  /**
   * Static bearer tokens.
   *
   * @param tokensToNames each accepted token mapped to its principal's name; not empty
   * @return the configuration
   */
  public static GatewayAuth bearerTokens(Map<String, String> tokensToNames) {
    return new GatewayAuth(tokensToNames, null, null, List.of());
  }

  /**
   * OAuth access tokens of an authorization server.
   *
   * @param issuer the authorization server's issuer
   * @param resource the canonical resource URI, or {@code null} for the gateway's endpoint URL
   * @param scopes the scopes every request needs
   * @return the configuration
   */
  public static GatewayAuth oauth(URI issuer, @Nullable URI resource, List<String> scopes) {
    return new GatewayAuth(Map.of(), requireNonNull(issuer, "issuer"), resource, scopes);
  }

  /**
   * Protects a gateway's server: sets its authenticator and, for OAuth, serves the protected
   * resource metadata (RFC 9728) that lets clients find the authorization server.
   *
   * @param server the builder of the server that serves the gateway's engine
   * @param endpoint the gateway's MCP endpoint URL, the resource when none is configured
   * @return the same builder
   */
  public McpHttpServer.Builder install(McpHttpServer.Builder server, URI endpoint) {
    requireNonNull(server, "server");
    requireNonNull(endpoint, "endpoint");
    if (issuer == null) {
      return server.authenticator(Authenticator.bearerTokens(tokens));
    }
    return ResourceServer.builder()
        .resource(resource != null ? resource : endpoint)
        .authorizationServer(issuer)
        .requiredScopes(scopes.toArray(String[]::new))
        .build()
        .install(server);
  }

  @Override
  public String toString() {
    // Never the tokens: they are credentials.
    return issuer == null
        ? "GatewayAuth[tokens for " + tokens.values().stream().sorted().toList() + "]"
        : "GatewayAuth[issuer=" + issuer + ", resource=" + resource + ", scopes=" + scopes + "]";
  }
}
