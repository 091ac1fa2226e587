package dev.mcpkit.gateway.internal;

import dev.mcpkit.transport.jetty.ClientAuthorization;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * An upstream's OAuth client with its fixed headers added (the OAuth client's {@code Authorization}
 * wins; the configuration forbids a fixed one beside OAuth anyway). Refusals are the OAuth client's
 * to answer. Thread-safe as its parts are.
 */
final class WithHeaders implements ClientAuthorization {
  private final ClientAuthorization oauth;
  private final StaticHeaders headers;

  WithHeaders(ClientAuthorization oauth, StaticHeaders headers) {
    this.oauth = oauth;
    this.headers = headers;
  }

  @Override
  public Map<String, String> headers(String method, URI uri) {
    Map<String, String> all = new HashMap<>(headers.headers(method, uri));
    all.putAll(oauth.headers(method, uri));
    return all;
  }

  @Override
  public boolean refused(Refusal refusal) {
    return oauth.refused(refusal);
  }

  @Override
  public String toString() {
    return "WithHeaders[" + oauth + ", " + headers + "]";
  }
}
