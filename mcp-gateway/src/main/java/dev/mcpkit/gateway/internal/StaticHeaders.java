package dev.mcpkit.gateway.internal;

import dev.mcpkit.transport.jetty.ClientAuthorization;
import java.net.URI;
import java.util.Map;

/**
 * An upstream's own credentials as fixed headers (from the gateway's configuration), through the
 * client's authorization seam; a refused request is not sent again. The client's credentials never
 * reach an upstream: only these do. Immutable and thread-safe.
 */
final class StaticHeaders implements ClientAuthorization {
  private final Map<String, String> headers;

  StaticHeaders(Map<String, String> headers) {
    this.headers = Map.copyOf(headers);
  }

  @Override
  public Map<String, String> headers(String method, URI uri) {
    return headers;
  }

  @Override
  public boolean refused(Refusal refusal) {
    return false;
  }

  @Override
  public String toString() {
    return "StaticHeaders" + headers.keySet(); // never the values
  }
}
