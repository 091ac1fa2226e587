package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Closing the server lets a request in flight finish, refuses new connections, and answers new
 * requests on open connections with 503.
 */
class GracefulShutdownTest {
  private static final Pattern CONNECTION_CLOSE = Pattern.compile("(?i)\r\nconnection: close\r\n");

  /** Whether a fresh connection is refused, or answered 503 while draining: shutdown has begun. */
  private static boolean shuttingDown(TestServer server) {
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      HttpResponse<String> health =
          fresh.send(
              HttpRequest.newBuilder(server.endpoint.resolve("/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return health.statusCode() == 503;
    } catch (IOException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void aRequestInFlightFinishesWhileTheServerStops() throws Exception {
    TestServer server = new TestServer();
    McpTestClient client = new McpTestClient(server.endpoint);
    String sessionId = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            client
                .request(sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(call(1, "gate", "{}")))
                .build());
    assertThat(server.gateEntered.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(server::close, runnable -> Thread.ofVirtual().start(runnable));
    await().atMost(Duration.ofSeconds(10)).until(() -> shuttingDown(server));
    assertThat(closing).isNotDone();
    server.gateOpen.countDown();

    HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer).at("/result/content/0/text").asString()).isEqualTo("passed");
    closing.get(10, TimeUnit.SECONDS);
    assertThat(shuttingDown(server)).isTrue();
  }

  /** Sends a GET /health on an open connection and reads one response (head and body). */
  private static String health(Socket socket) throws IOException {
    socket
        .getOutputStream()
        .write(
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.append((char) b);
    }
    Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
    int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
  }

  @Test
  void newRequestsOnOpenConnectionsGet503WhileDraining() throws Exception {
    TestServer server = new TestServer();
    McpTestClient client = new McpTestClient(server.endpoint);
    String sessionId = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> inFlight =
        client.sendAsync(
            client
                .request(sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(call(1, "gate", "{}")))
                .build());
    assertThat(server.gateEntered.await(10, TimeUnit.SECONDS)).isTrue();
    // Three open connections: a 200 answered in the instant the server begins to stop (before its
    // drain refuses anything) carries Connection: close, and the server then closes that one; the
    // probe goes on on the next.
    try (Socket first = new Socket("127.0.0.1", server.server.port());
        Socket second = new Socket("127.0.0.1", server.server.port());
        Socket third = new Socket("127.0.0.1", server.server.port())) {
      List<Socket> sockets = List.of(first, second, third);
      for (Socket socket : sockets) {
        assertThat(health(socket)).startsWith("HTTP/1.1 200 ");
      }

      CompletableFuture<Void> closing =
          CompletableFuture.runAsync(server::close, runnable -> Thread.ofVirtual().start(runnable));
      // Asked on the same open connection until the drain shows: 200 while the server runs, then
      // 503. Asking keeps the connection busy: Jetty closes one left idle for its shutdown idle
      // timeout (1 s) once draining begins, which a separate probe let happen under load.
      AtomicReference<String> answer = new AtomicReference<>("");
      AtomicInteger current = new AtomicInteger();
      await()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                try {
                  answer.set(health(sockets.get(current.get())));
                } catch (IOException closed) {
                  // Closed as the server began to stop, before this request was read (an idle
                  // keep-alive connection may be closed at any time): go on on the next.
                  answer.set("");
                }
                if (answer.get().startsWith("HTTP/1.1 503 ")) {
                  return true;
                }
                if (answer.get().isEmpty() || CONNECTION_CLOSE.matcher(answer.get()).find()) {
                  assertThat(current.incrementAndGet())
                      .as("connections closed before the drain answered 503: %s", answer.get())
                      .isLessThan(sockets.size());
                  return false;
                }
                assertThat(answer.get()).startsWith("HTTP/1.1 200 ");
                return false;
              });

      assertThat(answer.get()).endsWith("{\"status\":\"draining\"}");
      server.gateOpen.countDown();
      assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      closing.get(10, TimeUnit.SECONDS);
    }
  }
}
