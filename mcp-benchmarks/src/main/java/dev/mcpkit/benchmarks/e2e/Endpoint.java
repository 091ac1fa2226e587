package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where the load goes: a server's MCP endpoint, and the {@code Authorization} header value every
 * request to it carries ({@code Bearer <token>} for a protected server, none otherwise).
 *
 * @param uri the MCP endpoint, {@code http://127.0.0.1:PORT/mcp}
 * @param authorization the {@code Authorization} header of every request, or null to send none
 */
record Endpoint(URI uri, @Nullable String authorization) {
  Endpoint {
    requireNonNull(uri, "uri");
  }

  /** An endpoint that needs no credentials. */
  static Endpoint open(URI uri) {
    return new Endpoint(uri, null);
  }

  /** Never prints the credentials. */
  @Override
  public String toString() {
    return uri + (authorization == null ? "" : " (with a bearer token)");
  }
}
