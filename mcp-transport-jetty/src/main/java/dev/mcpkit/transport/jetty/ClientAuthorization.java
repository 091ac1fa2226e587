package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an {@link McpHttpClient} authorizes its requests: the seam an OAuth client (module {@code
 * mcp-auth}) plugs into. The transport knows nothing of OAuth: it asks for the headers of each
 * request it sends and, when the server refuses one with 401 or 403, whether to send it again.
 *
 * {@snippet :
 * McpClient client = McpHttpClient.builder(URI.create("https://tools.example/mcp"))
 *     .authorization(OAuthAuthorization.builder(...).build())
 *     .build();
 * }
 *
 * <p>A refused request is sent again whole (same body) when {@link #refused} returns {@code true},
 * with the headers {@link #headers} gives then; at most {@link #MAX_ATTEMPTS} times per request, so
 * an authorization that always says "retry" cannot loop.
 *
 * <p>Thread-safety: implementations must be thread-safe; both methods may block (they run on the
 * virtual thread of the request) and may be called concurrently.
 */
public interface ClientAuthorization {
  /** How many times one request is sent at most, refusals included. */
  int MAX_ATTEMPTS = 5;

  /** No authorization: no headers, and a refused request fails. */
  ClientAuthorization NONE =
      new ClientAuthorization() {
        @Override
        public Map<String, String> headers(String method, URI uri) {
          return Map.of();
        }

        @Override
        public boolean refused(Refusal refusal) {
          return false;
        }
      };

  /**
   * The headers to add to one outgoing request, e.g. {@code Authorization} (and {@code DPoP}).
   * Called for every request, retries included.
   *
   * @param method the HTTP method, {@code POST}, {@code GET} or {@code DELETE}
   * @param uri the request's URI
   * @return header names and values; empty for none
   */
  Map<String, String> headers(String method, URI uri);

  /**
   * Called when the server answered a request with 401 or 403: decides whether to send it again
   * (after obtaining new credentials, which may take a whole authorization flow).
   *
   * @param refusal the refused request and the server's answer
   * @return {@code true} to send the request again, {@code false} to fail it with the status
   */
  boolean refused(Refusal refusal);

  /**
   * A request the server refused.
   *
   * @param status 401 or 403
   * @param method the HTTP method of the request
   * @param uri the request's URI
   * @param headers the answer's headers, names in lower case
   * @param attempt how many times this request was sent so far, starting at 1
   */
  record Refusal(
      int status, String method, URI uri, Map<String, List<String>> headers, int attempt) {
    /** Copies the headers. */
    public Refusal {
      requireNonNull(method, "method");
      requireNonNull(uri, "uri");
      headers = Map.copyOf(headers);
    }

    /**
     * The values of one header of the answer, e.g. every {@code WWW-Authenticate}.
     *
     * @param name the header's name, in any case
     * @return its values in order; empty when absent
     */
    public List<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? List.of() : values;
    }
  }
}
