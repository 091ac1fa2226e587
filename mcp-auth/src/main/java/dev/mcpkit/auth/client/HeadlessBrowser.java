package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.mcpkit.api.client.McpClientException;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;

/** {@link AuthorizationBrowser#headless()}. Thread-safety: stateless. */
final class HeadlessBrowser implements AuthorizationBrowser {
  private static final int MAX_REDIRECTS = 10;

  @Override
  public URI authorize(URI request, URI redirectUri) {
    URI next = request;
    for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
      HTTPResponse response;
      try {
        HTTPRequest get = OAuthHttp.get(next);
        get.setFollowRedirects(false);
        response = get.send();
      } catch (IOException e) {
        throw new McpClientException("the authorization request failed: " + e.getMessage(), e);
      }
      int status = response.getStatusCode();
      URI location = response.getLocation();
      if (status / 100 != 3 || location == null) {
        throw new McpClientException(
            "the authorization server answered HTTP "
                + status
                + " instead of redirecting: it needs a user and a real browser",
            null);
      }
      URI resolved = next.resolve(location);
      if (sameEndpoint(resolved, redirectUri)) {
        return resolved;
      }
      next = resolved;
    }
    throw new McpClientException("too many redirects during authorization", null);
  }

  private static boolean sameEndpoint(URI a, URI b) {
    return Objects.equals(a.getScheme(), b.getScheme())
        && Objects.equals(a.getHost(), b.getHost())
        && a.getPort() == b.getPort()
        && Objects.equals(a.getRawPath(), b.getRawPath());
  }
}
