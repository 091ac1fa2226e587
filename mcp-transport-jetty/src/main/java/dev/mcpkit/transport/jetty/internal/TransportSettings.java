package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * The HTTP-level settings of the MCP endpoint.
 *
 * @param endpointPath the MCP endpoint's path, e.g. {@code /mcp}
 * @param healthPath the health check's path, e.g. {@code /health}
 * @param maxBodyBytes the largest POST body accepted; larger ones get 413
 * @param allowedOrigins origins allowed besides the loopback ones, each as {@code scheme://host[:port]}
 */
public record TransportSettings(String endpointPath, String healthPath, int maxBodyBytes, Set<String> allowedOrigins) {
  /** Validates the fields and copies the set. */
  public TransportSettings {
    requireNonNull(endpointPath, "endpointPath");
    requireNonNull(healthPath, "healthPath");
    allowedOrigins = Set.copyOf(requireNonNull(allowedOrigins, "allowedOrigins"));
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
  }
}
