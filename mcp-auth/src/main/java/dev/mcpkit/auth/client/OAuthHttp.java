package dev.mcpkit.auth.client;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** The OAuth side's HTTP calls (the Nimbus SDK's requests), with bounded timeouts. Stateless. */
final class OAuthHttp {
  static final int TIMEOUT_MILLIS = 10_000;

  private OAuthHttp() {}

  /** A GET of {@code uri} with the timeouts set. */
  static HTTPRequest get(URI uri) {
    try {
      return withTimeouts(new HTTPRequest(HTTPRequest.Method.GET, uri.toURL()));
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + uri, e);
    }
  }

  /** Sets the timeouts of a request built by the SDK. */
  static HTTPRequest withTimeouts(HTTPRequest request) {
    request.setConnectTimeout(TIMEOUT_MILLIS);
    request.setReadTimeout(TIMEOUT_MILLIS);
    return request;
  }

  /**
   * GETs a JSON document: its body when the answer is 200 with a body, {@code null} on any other
   * answer or a network failure (a discovery candidate that is not there).
   */
  static @Nullable String getJson(URI uri) {
    try {
      HTTPRequest request = get(uri);
      request.setAccept("application/json");
      HTTPResponse response = request.send();
      String body = response.getBody();
      return response.getStatusCode() == 200 && body != null && !body.isBlank() ? body : null;
    } catch (IOException e) {
      return null;
    }
  }
}
