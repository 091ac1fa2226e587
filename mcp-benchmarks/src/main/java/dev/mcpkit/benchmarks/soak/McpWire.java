package dev.mcpkit.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Streamable HTTP (2025-11-25) at the wire, over {@code java.net.http} with HTTP/1.1: each method
 * is one exchange, bounded in time, whose {@link Outcome} is what the load counts. Raw on purpose:
 * the soak drops streams, abandons handshakes and resumes with {@code Last-Event-ID}, which a
 * well-behaved client library does not let one do.
 *
 * <p>Thread-safe: the underlying client is.
 */
final class McpWire implements AutoCloseable {
  static final String VERSION = "2025-11-25";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ACCEPT_BOTH = "application/json, text/event-stream";

  private final HttpClient http;
  private final URI endpoint;
  private final AtomicLong ids = new AtomicLong();

  /**
   * A client for the endpoint.
   *
   * @param endpoint the MCP endpoint
   * @param localAddress the source address to connect from, or null for the default
   */
  McpWire(URI endpoint, java.net.@Nullable InetAddress localAddress) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (localAddress != null) {
      builder.localAddress(localAddress);
    }
    this.http = builder.build();
    this.endpoint = endpoint;
  }

  /** A session as the client knows it. */
  record Session(String id) {}

  /**
   * The status and session of an {@code initialize}.
   *
   * @param outcome OK if 200 with a session id
   * @param session the session, if OK
   */
  record Opened(Outcome outcome, @Nullable Session session) {}

  /** Sends {@code initialize} (and nothing else: an abandoned handshake if no more follows). */
  Opened initialize() throws InterruptedException {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
            + VERSION
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"mcpkit-soak\",\"version\":\"1.0\"}}}";
    HttpRequest request = post(null, body);
    try {
      HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new Opened(Outcome.ofStatus(response.statusCode()), null);
      }
      String id = response.headers().firstValue("Mcp-Session-Id").orElse(null);
      if (id == null || !response.body().contains("\"result\"")) {
        return new Opened(Outcome.ERROR, null);
      }
      return new Opened(Outcome.OK, new Session(id));
    } catch (IOException | TimeoutException e) {
      return new Opened(Outcome.ERROR, null);
    }
  }

  /** Sends {@code notifications/initialized}: 202 expected. */
  Outcome initialized(Session session) throws InterruptedException {
    return expect(
        post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"), 202);
  }

  /**
   * Calls a tool without arguments and checks that the answer is a result for this call.
   *
   * @param progress whether to ask for progress ({@code _meta.progressToken}), which makes the
   *     server answer with an SSE stream
   */
  Outcome call(Session session, String tool, boolean progress) throws InterruptedException {
    long id = ids.incrementAndGet();
    String meta = progress ? ",\"_meta\":{\"progressToken\":\"p" + id + "\"}" : "";
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
            + tool
            + "\",\"arguments\":{}"
            + meta
            + "}}";
    try {
      HttpResponse<String> response =
          send(post(session, body), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Outcome.ofStatus(response.statusCode());
      }
      return answers(response.body(), id) ? Outcome.OK : Outcome.ERROR;
    } catch (IOException | TimeoutException e) {
      return Outcome.ERROR;
    }
  }

  /**
   * Opens the session's standalone GET stream, holds it without reading, then drops the connection
   * (a client that goes away without a word).
   */
  Outcome openAndDropStream(Session session, Duration hold) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Accept", "text/event-stream")
            .header("Mcp-Session-Id", session.id())
            .header("MCP-Protocol-Version", VERSION)
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream ignored = response.body()) {
        if (response.statusCode() != 200) {
          return Outcome.ofStatus(response.statusCode());
        }
        Thread.sleep(hold);
        return Outcome.OK;
      }
    } catch (IOException | TimeoutException e) {
      return Outcome.ERROR;
    }
  }

  /**
   * Calls {@code test_reconnection}, whose SSE stream the server closes after its priming event,
   * then resumes with GET and {@code Last-Event-ID} and reads until the call's result arrives.
   */
  Outcome callAndResume(Session session) throws InterruptedException {
    long id = ids.incrementAndGet();
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"tools/call\",\"params\":{\"name\":\"test_reconnection\",\"arguments\":{}}}";
    try {
      HttpResponse<String> first = send(post(session, body), HttpResponse.BodyHandlers.ofString());
      if (first.statusCode() != 200) {
        return Outcome.ofStatus(first.statusCode());
      }
      String lastEventId = null;
      for (String line : first.body().split("\n", -1)) {
        if (line.startsWith("id:")) {
          lastEventId = line.substring(3).strip();
        }
      }
      if (answers(first.body(), id)) {
        return Outcome.OK; // answered before the stream closed: nothing to resume
      }
      if (lastEventId == null) {
        return Outcome.ERROR;
      }
      HttpRequest resume =
          HttpRequest.newBuilder(endpoint)
              .timeout(TIMEOUT)
              .header("Accept", "text/event-stream")
              .header("Mcp-Session-Id", session.id())
              .header("MCP-Protocol-Version", VERSION)
              .header("Last-Event-ID", lastEventId)
              .GET()
              .build();
      HttpResponse<InputStream> stream = send(resume, HttpResponse.BodyHandlers.ofInputStream());
      if (stream.statusCode() != 200) {
        stream.body().close();
        return Outcome.ofStatus(stream.statusCode());
      }
      return readUntilAnswer(stream.body(), id) ? Outcome.OK : Outcome.ERROR;
    } catch (IOException | TimeoutException e) {
      return Outcome.ERROR;
    }
  }

  /** Ends the session with DELETE: 200 or 204 expected. */
  Outcome delete(Session session) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Mcp-Session-Id", session.id())
            .header("MCP-Protocol-Version", VERSION)
            .DELETE()
            .build();
    try {
      int status = send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return status == 200 || status == 204 ? Outcome.OK : Outcome.ofStatus(status);
    } catch (IOException | TimeoutException e) {
      return Outcome.ERROR;
    }
  }

  /** Reads SSE lines until the answer to {@code id}, with a watchdog that closes the stream. */
  private static boolean readUntilAnswer(InputStream body, long id) throws IOException {
    Thread watchdog =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Thread.sleep(TIMEOUT);
                    body.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // answered in time: the watchdog ends
                  } catch (IOException e) {
                    // closing is best effort; the reader sees the end or its own error
                  }
                });
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data:") && answers(line, id)) {
          return true;
        }
      }
      return false;
    } finally {
      watchdog.interrupt();
    }
  }

  /** Whether a body (JSON or SSE) holds the result of request {@code id}. */
  private static boolean answers(String body, long id) {
    return body.contains("\"id\":" + id + ",") && body.contains("\"result\"")
        || body.contains("\"id\":" + id + "}") && body.contains("\"result\"");
  }

  private Outcome expect(HttpRequest request, int status) throws InterruptedException {
    try {
      int actual = send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return actual == status ? Outcome.OK : Outcome.ofStatus(actual);
    } catch (IOException | TimeoutException e) {
      return Outcome.ERROR;
    }
  }

  private HttpRequest post(@Nullable Session session, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", ACCEPT_BOTH)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      builder.header("Mcp-Session-Id", session.id()).header("MCP-Protocol-Version", VERSION);
    }
    return builder.build();
  }

  /** Sends with a bound on the whole exchange (headers and body), not only on the headers. */
  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException, TimeoutException {
    Future<HttpResponse<T>> future = http.sendAsync(request, handler);
    try {
      return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      future.cancel(true);
      throw e;
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
