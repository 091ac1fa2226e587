package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.session.EventStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and greedy clients (issue 21) against a real server on loopback, through raw sockets where
 * the client must misbehave: request headers or bodies trickled byte by byte are cut off within the
 * request deadline while other clients are served; an SSE client that stops reading is cut off once
 * its bounded output queue is full, and resumes every missed event from the store; a session and a
 * client get 429 beyond their stream limits.
 */
class SlowClientsTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1_000);
  private static final long TRICKLE_MILLIS = 100; // far below the 30 s idle timeout

  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void trickledHeadersAreCutOffWhileOthersAreServed() throws Exception {
    server = new TestServer(builder -> builder.requestTimeout(REQUEST_TIMEOUT));
    String head =
        "POST "
            + server.endpoint.getPath()
            + " HTTP/1.1\r\nHost: "
            + hostPort()
            + "\r\nAccept: application/json, text/event-stream\r\n"
            + "Content-Type: application/json\r\n"
            + "X-Padding: "
            + "x".repeat(400)
            + "\r\n\r\n";
    try (Socket socket = connect()) {
      long start = System.nanoTime();
      Thread trickler = trickle(socket, head.getBytes(StandardCharsets.US_ASCII));
      // Meanwhile a well-behaved client on its own connection is served.
      McpTestClient other = new McpTestClient(server.endpoint);
      assertThat(other.handshake("2025-11-25")).isNotBlank();

      assertThat(readToEnd(socket.getInputStream())).isEmpty(); // closed, no answer
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      // The deadline plus at most two sweeps of a quarter of it, and slack for a loaded machine;
      // whole headers would have taken 45 s at this pace.
      assertThat(elapsedMillis).isBetween(REQUEST_TIMEOUT.toMillis(), 5_000L);
      trickler.join(10_000);
      assertThat(trickler.isAlive()).isFalse();
    }
  }

  @Test
  void aTrickledBodyIsAnswered408WithinTheDeadline() throws Exception {
    server = new TestServer(builder -> builder.requestTimeout(REQUEST_TIMEOUT));
    String body = TestServer.JSON.writeValueAsString(java.util.Map.of("pad", "y".repeat(300)));
    String head =
        "POST "
            + server.endpoint.getPath()
            + " HTTP/1.1\r\nHost: "
            + hostPort()
            + "\r\nAccept: application/json, text/event-stream\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + body.length()
            + "\r\n\r\n";
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      Thread trickler = trickle(socket, body.getBytes(StandardCharsets.US_ASCII));
      McpTestClient other = new McpTestClient(server.endpoint);
      assertThat(other.handshake("2025-11-25")).isNotBlank();

      String answer = readToEnd(socket.getInputStream());
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":-32600");
      assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("connection: close");
      assertThat(elapsedMillis).isLessThan(5_000L); // the body would have taken 30 s
      trickler.join(10_000);
      assertThat(trickler.isAlive()).isFalse();
    }
  }

  @Test
  void aGetStreamWhoseClientStopsReadingIsCutOffAndResumesFromTheStore() throws Exception {
    long maxQueued = 256 * 1024;
    server =
        new TestServer(
            builder ->
                builder
                    .maxQueuedSseBytes(maxQueued)
                    .eventStore(EventStores.inMemory(1_000_000, 1_000_000)));
    McpTestClient client = new McpTestClient(server.endpoint);
    String sessionId = client.handshake("2025-11-25");
    String primingId;
    int sent = 0;
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096); // fills fast; the server's send buffer is what it is
      socket.connect(new InetSocketAddress(server.endpoint.getHost(), server.endpoint.getPort()));
      socket.setSoTimeout(10_000);
      String get =
          "GET "
              + server.endpoint.getPath()
              + " HTTP/1.1\r\nHost: "
              + hostPort()
              + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: "
              + sessionId
              + "\r\nMCP-Protocol-Version: 2025-11-25\r\n\r\n";
      socket.getOutputStream().write(get.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      primingId = readPrimingId(socket.getInputStream());

      // The client reads no more; the server keeps notifying until the stream's queue overflows.
      while (server.server.streamLimits().overflows() == 0) {
        server.engine.notifications().resourceListChanged();
        sent++;
        assertThat(sent).as("notifications sent without overflow").isLessThan(2_000_000);
      }
      // A few more while no connection is there: stored for the resumption.
      for (int i = 0; i < 10; i++) {
        server.engine.notifications().resourceListChanged();
        sent++;
      }
      // The queue never held much more than its bound (one event of slack), however much was sent.
      assertThat(server.server.streamLimits().peakQueuedBytes())
          .isPositive()
          .isLessThanOrEqualTo(maxQueued + 1024);
      // The connection was cut off: once what the buffers held is drained, the client sees its end.
      drainToEnd(socket.getInputStream());
    }

    try (SseReader resumed =
        client.openSse(
            client
                .streamRequest(sessionId)
                .header("MCP-Protocol-Version", "2025-11-25")
                .header("Last-Event-ID", primingId)
                .build())) {
      assertThat(resumed.status()).isEqualTo(200);
      for (int i = 0; i < sent; i++) {
        assertThat(resumed.nextMessage().json().path("method").asString())
            .isEqualTo("notifications/resources/list_changed");
      }
    }
  }

  @Test
  void getsBeyondTheSessionLimitGet429() throws Exception {
    server = new TestServer(builder -> builder.maxStreamsPerSession(1));
    McpTestClient client = new McpTestClient(server.endpoint);
    String sessionId = client.handshake("2025-11-25");
    try (SseReader get = client.openSse(client.streamRequest(sessionId).build())) {
      assertThat(get.status()).isEqualTo(200);
      String primingId = get.nextEvent().id();
      HttpResponse<String> second =
          client.send(client.streamRequest(sessionId).header("Last-Event-ID", primingId).build());
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After")).isPresent();
      assertThat(McpTestClient.json(second).at("/error/code").asInt()).isEqualTo(-32600);
    }
  }

  @Test
  void streamsBeyondTheClientLimitGet429UntilOneEnds() throws Exception {
    server = new TestServer(builder -> builder.maxStreamsPerClient(2));
    McpTestClient client = new McpTestClient(server.endpoint);
    String a = client.handshake("2025-11-25");
    String b = client.handshake("2025-11-25");
    String c = client.handshake("2025-11-25");
    try (SseReader first = client.openSse(client.streamRequest(a).build());
        SseReader second = client.openSse(client.streamRequest(b).build())) {
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).isEqualTo(200);
      HttpResponse<String> third = client.send(client.streamRequest(c).build());
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(McpTestClient.json(third).at("/error/message").asString())
          .contains("Too Many Requests");
      // A POST carrying a request could open one more stream: refused too.
      HttpResponse<String> call =
          client.post(
              client.request(c),
              "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                  + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}");
      assertThat(call.statusCode()).isEqualTo(429);

      // A stream that ends (here its session is deleted) frees its place.
      assertThat(client.send(client.request(a).DELETE().build()).statusCode()).isEqualTo(200);
      first.awaitEnd();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                try (SseReader again = client.openSse(client.streamRequest(c).build())) {
                  assertThat(again.status()).isEqualTo(200);
                }
              });
    }
  }

  private String hostPort() {
    return server.endpoint.getHost() + ":" + server.endpoint.getPort();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Sends the bytes one at a time, {@value #TRICKLE_MILLIS} ms apart, until done or cut off. */
  private static Thread trickle(Socket socket, byte[] bytes) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try {
                OutputStream out = socket.getOutputStream();
                for (byte b : bytes) {
                  out.write(b);
                  out.flush();
                  Thread.sleep(TRICKLE_MILLIS); // the pace of the attack, not a synchronization
                }
              } catch (IOException e) {
                // cut off: what the test expects
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
  }

  /** Reads until the server closes; a reset counts as closed. Fails on the socket's timeout. */
  private static String readToEnd(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      // reset: closed
    }
    return text.toString();
  }

  private static void drainToEnd(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try {
      while (in.read(buffer) != -1) {
        // drop what the buffers held
      }
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (SocketException e) {
      // reset: closed
    }
  }

  private static final Pattern ID = Pattern.compile("id: (\\S+)\n");

  private static String readPrimingId(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[1];
    while (true) {
      Matcher matcher = ID.matcher(text);
      if (matcher.find() && text.indexOf("data:", matcher.end()) >= 0) {
        assertThat(text.toString()).startsWith("HTTP/1.1 200 ");
        return matcher.group(1);
      }
      int n = in.read(buffer);
      assertThat(n).as("the stream ended before its priming event").isPositive();
      text.append((char) buffer[0]);
    }
  }
}
