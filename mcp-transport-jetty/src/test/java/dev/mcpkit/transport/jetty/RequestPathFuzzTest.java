package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.transport.jetty.HostileRequests.Request;
import dev.mcpkit.transport.jetty.HostileRequests.SessionId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seeded property-style fuzzing of the HTTP request path (issue 21) against a real server on
 * loopback: generated methods, header values (right, wrong, garbled) and damaged bodies ({@link
 * HostileRequests}), sent through raw HTTP/1.1 sockets (so that methods and header values can be
 * anything the wire carries) and through the test client over every {@link Transport}. Every
 * request gets, within a bound, a status the specification (or HTTP, for a request it cannot read)
 * names for it, never 500; an error answer with a JSON body carries a JSON-RPC error; no answer
 * shows a stack trace or a class name; and the session that lived before the fuzzing still works
 * after it. Each run is seeded ({@link SeededCases}: a failure prints its seed and its minimized
 * request, and {@code -Dmcpkit.fuzz.seed} or {@code -Dmcpkit.fuzz.case} replays it).
 */
class RequestPathFuzzTest {
  private static final int ANSWER_WITHIN_MILLIS = 10_000;
  private static final Set<Integer> SPEC_STATUSES =
      Set.of(200, 202, 400, 403, 404, 405, 406, 408, 409, 413, 415, 429, 431, 501, 503, 505);

  /** A status line, head and body as the client read them. */
  record Answer(int status, String head, String body) {
    boolean isJson() {
      return head.toLowerCase(Locale.ROOT).contains("content-type: application/json");
    }
  }

  @Test
  void everyRawHttp11RequestGetsASpecificationAnswer() {
    try (TestServer server = new TestServer()) {
      String live = new McpTestClient(server.endpoint).handshake("2025-11-25");
      Map<Integer, Integer> statuses = new TreeMap<>();
      SeededCases.of(
              "everyRawHttp11RequestGetsASpecificationAnswer", 300, HostileRequests::requests)
          .shrinkWith(Request::smaller)
          .check(
              request -> {
                Answer answer = sendRaw(server, live, request);
                assertAnswer(answer);
                statuses.merge(answer.status(), 1, Integer::sum);
              });
      assertReachedEveryLayer(statuses);
      assertStillWorks(new McpTestClient(server.endpoint), live);
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyRequestGetsASpecificationAnswer(Transport transport) {
    try (TestServer server = new TestServer(transport)) {
      McpTestClient client = new McpTestClient(server.endpoint, transport);
      String live = client.handshake("2025-11-25");
      Map<Integer, Integer> statuses = new TreeMap<>();
      SeededCases.of(
              "everyRequestGetsASpecificationAnswer over " + transport,
              150,
              RequestPathFuzzTest::clientRequests)
          .shrinkWith(Request::smaller)
          .check(
              request -> {
                HttpResponse<String> response =
                    client
                        .sendAsync(build(server, live, request))
                        .orTimeout(ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS)
                        .join();
                assertThat(response.version()).isEqualTo(transport.version);
                String contentType = response.headers().firstValue("Content-Type").orElse("");
                assertAnswer(
                    new Answer(
                        response.statusCode(),
                        response.statusCode() + " content-type: " + contentType,
                        response.body()));
                statuses.merge(response.statusCode(), 1, Integer::sum);
              });
      assertReachedEveryLayer(statuses);
      assertStillWorks(client, live);
    }
  }

  /** What the test client's request builder accepts: header values without control characters. */
  private static Request clientRequests(RandomGenerator random) {
    Request request = HostileRequests.requests(random);
    while (request.method().equals("CONNECT")
        || request.headers().stream().anyMatch(h -> h.chars().anyMatch(c -> c < 0x20))) {
      request = HostileRequests.requests(random);
    }
    return request;
  }

  private static void assertAnswer(Answer answer) {
    assertThat(answer.status()).as(answer.head()).isIn(SPEC_STATUSES);
    assertThat(answer.body())
        .as(answer.head())
        .doesNotContain("Exception", "\tat ", "tools.jackson", "org.eclipse.jetty", "dev.mcpkit");
    if (answer.status() >= 400 && answer.isJson() && !answer.body().isBlank()) {
      JsonNode error = TestServer.JSON.readTree(answer.body());
      assertThat(error.path("jsonrpc").asString("")).as(answer.body()).isEqualTo("2.0");
      assertThat(error.path("error").path("code").isIntegralNumber()).as(answer.body()).isTrue();
      assertThat(error.path("error").path("message").isString()).as(answer.body()).isTrue();
    }
  }

  /** The requests reach every layer: answered calls, refused bodies and headers, wrong methods. */
  private static void assertReachedEveryLayer(Map<Integer, Integer> statuses) {
    assertThat(statuses).as("statuses seen").containsKeys(200, 400, 405);
    assertThat(statuses.size()).as("distinct statuses in %s", statuses).isGreaterThanOrEqualTo(5);
  }

  private static void assertStillWorks(McpTestClient client, String live) {
    HttpResponse<String> after =
        client.post(client.request(live), call(99, "echo", "{\"message\":\"still here\"}"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("still here");
  }

  /**
   * The session a request names, but never the live one for a GET or HEAD (which would open its
   * standing SSE stream) or a DELETE (which would end it): those name an unknown session instead.
   */
  private static SessionId safe(Request request) {
    boolean dangerous = Set.of("GET", "HEAD", "DELETE").contains(request.method());
    return request.session() == SessionId.LIVE && dangerous ? SessionId.UNKNOWN : request.session();
  }

  private static HttpRequest build(TestServer server, String live, Request request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(server.endpoint)
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
    for (String line : request.headers()) {
      int colon = line.indexOf(':');
      builder.header(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    switch (safe(request)) {
      case LIVE -> builder.header("Mcp-Session-Id", live);
      case UNKNOWN -> builder.header("Mcp-Session-Id", "no-such-session");
      case GARBLED -> builder.header("Mcp-Session-Id", "bad id ~");
      case NONE -> {}
    }
    return builder.build();
  }

  private static Answer sendRaw(TestServer server, String live, Request request)
      throws IOException {
    StringBuilder head =
        new StringBuilder()
            .append(request.method())
            .append(' ')
            .append(server.endpoint.getPath())
            .append(" HTTP/1.1\r\nHost: ")
            .append(server.endpoint.getAuthority())
            .append("\r\nConnection: close\r\nContent-Length: ")
            .append(request.body().length)
            .append("\r\n");
    for (String line : request.headers()) {
      head.append(line).append("\r\n");
    }
    switch (safe(request)) {
      case LIVE -> head.append("Mcp-Session-Id: ").append(live).append("\r\n");
      case UNKNOWN -> head.append("Mcp-Session-Id: no-such-session\r\n");
      case GARBLED -> head.append("Mcp-Session-Id: bad id\t~\u007f\r\n");
      case NONE -> {}
    }
    head.append("\r\n");
    try (Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort())) {
      socket.setSoTimeout(ANSWER_WITHIN_MILLIS); // a hung connection fails the case
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      try {
        out.write(request.body());
        out.flush();
      } catch (SocketException e) {
        // the server answered and closed before taking the whole body: read that answer
      }
      String text = new String(readToEnd(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("a whole head in: %s", text).isPositive();
      String responseHead = text.substring(0, end);
      assertThat(responseHead).as(responseHead).startsWith("HTTP/1.1 ");
      int status = Integer.parseInt(responseHead.substring(9, 12));
      String body = text.substring(end + 4);
      if (responseHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1); // one char per byte
      return new Answer(status, responseHead, new String(bodyBytes, StandardCharsets.UTF_8));
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketException e) {
      // reset after the answer: what was read is the answer
    }
    return bytes.toByteArray();
  }

  private static String dechunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).strip().split(";")[0], 16);
      if (size == 0) {
        break;
      }
      // Sizes count bytes, and the text was decoded one char per byte.
      int from = lineEnd + 2;
      int to = Math.min(chunked.length(), from + size);
      body.append(chunked, from, to);
      at = to + 2;
    }
    return body.toString();
  }
}
