package dev.mcpkit.benchmarks.e2e;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.jspecify.annotations.Nullable;

/**
 * The load generator's HTTP side: a raw Jetty {@link HttpClient} that sends the exact Streamable
 * HTTP requests (POST with {@code Accept: application/json, text/event-stream}, the session and
 * protocol-version headers, the endpoint's {@code Authorization} if it has one; DELETE) and buffers
 * each answer. Every server is driven by the same client code, so the client's own cost is the same
 * for each and cancels out of the ratios.
 *
 * <p>Used for setup (opening and closing many sessions, checking answers), and for the measured
 * load when {@code --generator jetty} is chosen; otherwise the measured load goes through the lean
 * connections of {@link UserConnections}, which cost less CPU per request.
 *
 * <p>Thread-safe, like the {@link HttpClient} under it.
 */
final class LoadClient implements AutoCloseable {
  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  private static final HttpField ACCEPT =
      new PreEncodedHttpField(HttpHeader.ACCEPT, "application/json, text/event-stream");
  private static final String JSON = "application/json";

  /** Large enough for any answer here; bigger ones fail the request (and count as errors). */
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final HttpClient http;
  private final Protocol protocol;

  private LoadClient(HttpClient http, Protocol protocol) {
    this.http = http;
    this.protocol = protocol;
  }

  /**
   * Starts a client.
   *
   * @param protocol HTTP/1.1 or h2c (prior knowledge)
   * @param maxConnections connections per server: for HTTP/1.1 at least the concurrency, so no
   *     request waits for a connection; for h2c the upper bound of the multiplexed pool
   */
  static LoadClient start(Protocol protocol, int maxConnections) throws Exception {
    ClientConnector connector = new ClientConnector();
    HttpClientTransport transport =
        switch (protocol) {
          case HTTP1 -> new HttpClientTransportOverHTTP(connector);
          case H2C -> new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
        };
    HttpClient http = new HttpClient(transport);
    http.setMaxConnectionsPerDestination(maxConnections);
    http.setMaxRequestsQueuedPerDestination(1 << 20);
    http.setIdleTimeout(60_000);
    http.setFollowRedirects(false);
    http.setUserAgentField(null);
    http.start();
    return new LoadClient(http, protocol);
  }

  Protocol protocol() {
    return protocol;
  }

  /** This client's requests to one endpoint, as a user's connection (all users share the pool). */
  UserConnection to(Endpoint endpoint) {
    return new UserConnection() {
      @Override
      public CompletableFuture<Answer> post(
          @Nullable String sessionId, @Nullable String version, byte[] body) {
        return LoadClient.this.post(endpoint, sessionId, version, body);
      }

      @Override
      public CompletableFuture<Answer> delete(String sessionId, String version) {
        return LoadClient.this.delete(endpoint, sessionId, version);
      }
    };
  }

  /**
   * POSTs a JSON-RPC message; {@code sessionId} and {@code version} may be null (initialize). The
   * endpoint's {@code Authorization}, if any, goes with it, as with every request.
   */
  CompletableFuture<Answer> post(
      Endpoint endpoint, @Nullable String sessionId, @Nullable String version, byte[] body) {
    Request request =
        http.newRequest(endpoint.uri())
            .method(HttpMethod.POST)
            .timeout(30, TimeUnit.SECONDS)
            .headers(
                headers -> {
                  headers.add(ACCEPT);
                  authorize(headers, endpoint);
                  if (sessionId != null) {
                    headers.put(SESSION_HEADER, sessionId);
                  }
                  if (version != null) {
                    headers.put(VERSION_HEADER, version);
                  }
                })
            .body(new BytesRequestContent(JSON, body));
    return new CompletableResponseListener(request, MAX_ANSWER_BYTES)
        .send()
        .thenApply(LoadClient::answerOf);
  }

  /** DELETEs a session. */
  CompletableFuture<Answer> delete(Endpoint endpoint, String sessionId, String version) {
    Request request =
        http.newRequest(endpoint.uri())
            .method(HttpMethod.DELETE)
            .timeout(30, TimeUnit.SECONDS)
            .headers(
                headers -> {
                  authorize(headers, endpoint);
                  headers.put(SESSION_HEADER, sessionId);
                  headers.put(VERSION_HEADER, version);
                });
    return new CompletableResponseListener(request, MAX_ANSWER_BYTES)
        .send()
        .thenApply(LoadClient::answerOf);
  }

  private static void authorize(HttpFields.Mutable headers, Endpoint endpoint) {
    String authorization = endpoint.authorization();
    if (authorization != null) {
      headers.put(HttpHeader.AUTHORIZATION, authorization);
    }
  }

  private static Answer answerOf(ContentResponse response) {
    return new Answer(
        response.getStatus(),
        response.getHeaders().get(SESSION_HEADER),
        Answer.mediaTypeOf(response.getHeaders().get(HttpHeader.CONTENT_TYPE)),
        response.getContentAsString());
  }

  @Override
  public void close() throws Exception {
    http.stop();
  }
}
