package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.transport.jetty.Authenticator;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP-level settings of the MCP endpoint.
 *
 * @param endpointPath the MCP endpoint's path, e.g. {@code /mcp}
 * @param healthPath the health check's path, e.g. {@code /health}
 * @param maxBodyBytes the largest POST body accepted; larger ones get 413
 * @param allowedOrigins origins allowed besides the loopback ones, each as {@code
 *     scheme://host[:port]}
 * @param boundHost the address the server binds, which {@code Host} headers may name
 * @param allowedHosts host names allowed in {@code Host} besides the loopback ones and the bound
 *     one
 * @param executor caps concurrent requests (503 when saturated), or {@code null} for no cap
 * @param authenticator decides who may use the endpoint
 * @param requestReadTimeout how long reading a whole request (headers and body) may take from its
 *     first byte; a body still incomplete then is answered 408
 */
public record TransportSettings(
    String endpointPath,
    String healthPath,
    int maxBodyBytes,
    Set<String> allowedOrigins,
    String boundHost,
    Set<String> allowedHosts,
    @Nullable BoundedExecutor executor,
    Authenticator authenticator,
    Duration requestReadTimeout) {
  /** Validates the fields and copies the sets. */
  public TransportSettings {
    requireNonNull(endpointPath, "endpointPath");
    requireNonNull(healthPath, "healthPath");
    requireNonNull(boundHost, "boundHost");
    requireNonNull(authenticator, "authenticator");
    requireNonNull(requestReadTimeout, "requestReadTimeout");
    if (requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
      throw new IllegalArgumentException(
          "requestReadTimeout must be positive, was " + requestReadTimeout);
    }
    allowedOrigins = Set.copyOf(requireNonNull(allowedOrigins, "allowedOrigins"));
    allowedHosts = Set.copyOf(requireNonNull(allowedHosts, "allowedHosts"));
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
  }
}
