package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean load generator's connection (on its event loop) against a real Jetty server on loopback:
 * the requests it writes are what the server reads, and the three ways an HTTP/1.1 answer can be
 * delimited are parsed, on one kept-alive connection where the server allows it.
 */
class RawHttp1ConnectionTest {
  private final Set<String> connections = ConcurrentHashMap.newKeySet();
  private final Http1EventLoop loop = new Http1EventLoop();
  private Server server;
  private int port;

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    ServerConnector connector =
        TestAnswers.start(
            server,
            new Handler.Abstract() {
              @Override
              public boolean handle(Request request, Response response, Callback callback)
                  throws Exception {
                connections.add(request.getConnectionMetaData().getId());
                String body = Content.Source.asString(request, StandardCharsets.UTF_8);
                String path = Request.getPathInContext(request);
                switch (path) {
                  case "/length" -> {
                    response
                        .getHeaders()
                        .put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
                    response.getHeaders().put(LoadClient.SESSION_HEADER, "s-1");
                    Content.Sink.write(
                        response,
                        true,
                        request.getMethod() + "|" + TestAnswers.echo(request, body),
                        callback);
                  }
                  case "/auth" ->
                      Content.Sink.write(
                          response,
                          true,
                          request.getMethod()
                              + "|"
                              + request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION),
                          callback);
                  case "/chunked" ->
                      TestAnswers.eventStreamInTwoWrites(response, callback, "text/event-stream");
                  case "/close" -> {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    try (OutputStream out = Content.Sink.asOutputStream(response)) {
                      out.write("until the end".getBytes(StandardCharsets.UTF_8));
                      out.flush();
                    }
                    callback.succeeded();
                  }
                  default -> {
                    response.setStatus(204);
                    callback.succeeded();
                  }
                }
                return true;
              }
            });
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    loop.close();
    server.stop();
  }

  private RawHttp1Connection connection(String path) {
    return new RawHttp1Connection(
        loop, Endpoint.open(URI.create("http://127.0.0.1:" + port + path)));
  }

  @Test
  void sendsTheEndpointsAuthorizationOnEveryRequestAndNoneWithout() {
    URI uri = URI.create("http://127.0.0.1:" + port + "/auth");
    try (RawHttp1Connection connection =
            new RawHttp1Connection(loop, new Endpoint(uri, "Bearer t0k3n"));
        RawHttp1Connection open = new RawHttp1Connection(loop, Endpoint.open(uri))) {
      assertThat(connection.post(null, null, new byte[] {'{', '}'}).join().body())
          .isEqualTo("POST|[Bearer t0k3n]");
      assertThat(connection.post("abc", "v", new byte[] {'{', '}'}).join().body())
          .isEqualTo("POST|[Bearer t0k3n]");
      assertThat(connection.delete("abc", "v").join().body()).isEqualTo("DELETE|[Bearer t0k3n]");
      assertThat(open.post("abc", "v", new byte[] {'{', '}'}).join().body()).isEqualTo("POST|[]");
    }
  }

  @Test
  void sendsHeadersAndBodyAndReadsAContentLengthAnswerOnOneKeptAliveConnection() {
    try (RawHttp1Connection connection = connection("/length")) {
      for (int i = 0; i < 3; i++) {
        Answer answer =
            connection
                .post("abc", "2025-11-25", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8))
                .join();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.mediaType()).isEqualTo("application/json");
        assertThat(answer.sessionId()).isEqualTo("s-1");
        assertThat(answer.body()).isEqualTo("POST|abc|2025-11-25|{\"n\":" + i + "}");
      }
      Answer initialize = connection.post(null, null, "{}".getBytes(StandardCharsets.UTF_8)).join();
      assertThat(initialize.body()).isEqualTo("POST|null|null|{}");
      Answer delete = connection.delete("abc", "v").join();
      assertThat(delete.body()).isEqualTo("DELETE|abc|v|");
    }
    assertThat(connections).hasSize(1);
  }

  @Test
  void readsAChunkedEventStreamWhole() {
    try (RawHttp1Connection connection = connection("/chunked")) {
      Answer answer = connection.post("abc", "v", "{}".getBytes(StandardCharsets.UTF_8)).join();
      Answer again = connection.post("abc", "v", "{}".getBytes(StandardCharsets.UTF_8)).join();

      assertThat(answer.isEventStream()).isTrue();
      assertThat(answer.body()).isEqualTo("data: one\n\ndata: two\n\n");
      assertThat(again.body()).isEqualTo(answer.body());
    }
    assertThat(connections).hasSize(1);
  }

  @Test
  void readsAnAnswerEndedByConnectionCloseAndReconnectsForTheNext() {
    try (RawHttp1Connection connection = connection("/close")) {
      assertThat(connection.post(null, null, new byte[0]).join().body()).isEqualTo("until the end");
      assertThat(connection.post(null, null, new byte[0]).join().body()).isEqualTo("until the end");
    }
    assertThat(connections).hasSize(2);
  }

  @Test
  void noContentAnswerHasAnEmptyBodyAndKeepsTheConnection() {
    try (RawHttp1Connection connection = connection("/none")) {
      assertThat(connection.delete("abc", "v").join())
          .satisfies(
              a -> {
                assertThat(a.status()).isEqualTo(204);
                assertThat(a.body()).isEmpty();
              });
      assertThat(connection.delete("abc", "v").join().status()).isEqualTo(204);
    }
    assertThat(connections).hasSize(1);
  }

  @Test
  void aStoppedServerFailsTheRequestInsteadOfHanging() throws Exception {
    RawHttp1Connection connection = connection("/length");
    assertThat(connection.post(null, null, new byte[0]).join().status()).isEqualTo(200);
    server.stop();

    assertThat(connection.post(null, null, new byte[0]))
        .failsWithin(java.time.Duration.ofSeconds(10));
    connection.close();
  }
}
