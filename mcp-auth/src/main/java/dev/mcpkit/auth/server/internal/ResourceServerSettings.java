package dev.mcpkit.auth.server.internal;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a resource server was built with; validated by {@code ResourceServer.Builder}.
 *
 * @param resource the canonical resource URI (RFC 8707), which tokens must name in {@code aud}
 * @param issuer the authorization server's issuer identifier
 * @param scopesSupported the scopes advertised in the metadata
 * @param requiredScopes the scopes every request needs
 * @param algorithms the JWS algorithms accepted
 * @param clockSkew the tolerance on {@code exp} and {@code nbf}
 * @param httpTimeout the connect and read timeout of every call to the authorization server
 * @param keyCacheTtl how long fetched keys are used before they are fetched again
 * @param keyRefreshMinInterval the least time between two fetches of the keys
 * @param tokenCacheSize the most validated JWTs remembered; 0 to check every request's signature
 * @param introspection the introspection client, or {@code null} if opaque tokens are refused
 */
public record ResourceServerSettings(
    URI resource,
    URI issuer,
    List<String> scopesSupported,
    Set<String> requiredScopes,
    Set<JWSAlgorithm> algorithms,
    Duration clockSkew,
    Duration httpTimeout,
    Duration keyCacheTtl,
    Duration keyRefreshMinInterval,
    int tokenCacheSize,
    @Nullable IntrospectionSettings introspection) {

  /** Validates and copies. */
  public ResourceServerSettings {
    requireNonNull(resource, "resource");
    requireNonNull(issuer, "issuer");
    scopesSupported = List.copyOf(scopesSupported);
    requiredScopes = Set.copyOf(requiredScopes);
    algorithms = Set.copyOf(algorithms);
    requireNonNull(clockSkew, "clockSkew");
    requireNonNull(httpTimeout, "httpTimeout");
    requireNonNull(keyCacheTtl, "keyCacheTtl");
    requireNonNull(keyRefreshMinInterval, "keyRefreshMinInterval");
  }

  /** The HTTP timeout in whole milliseconds, as the Nimbus clients take it. */
  int httpTimeoutMillis() {
    return (int) Math.min(Integer.MAX_VALUE, httpTimeout.toMillis());
  }

  /**
   * How opaque tokens are introspected (RFC 7662).
   *
   * @param clientId the resource server's client id at the introspection endpoint
   * @param clientSecret its secret, sent with {@code client_secret_basic}
   * @param endpoint the introspection endpoint, or {@code null} to take the authorization server's
   *     {@code introspection_endpoint}
   * @param cacheSize the most introspection answers kept
   * @param cacheTtl the longest an answer is kept (also bounded by the token's {@code exp})
   */
  public record IntrospectionSettings(
      String clientId,
      String clientSecret,
      @Nullable URI endpoint,
      int cacheSize,
      Duration cacheTtl) {
    /** Validates. */
    public IntrospectionSettings {
      requireNonNull(clientId, "clientId");
      requireNonNull(clientSecret, "clientSecret");
      requireNonNull(cacheTtl, "cacheTtl");
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "IntrospectionSettings[clientId=" + clientId + ", endpoint=" + endpoint + "]";
    }
  }
}
