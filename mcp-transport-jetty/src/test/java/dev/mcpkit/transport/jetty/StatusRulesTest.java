package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP status rule of the Streamable HTTP transport, against a real server on loopback, over
 * each {@link Transport}.
 */
class StatusRulesTest extends OverEveryTransport {
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  private static void assertJsonRpcError(HttpResponse<String> response, int status, int code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(json(response).get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(json(response).get("id").isNull()).isTrue();
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(code);
    assertThat(response.body()).doesNotContain("at org.", "at dev.", "Exception");
  }

  @Test
  void aRequestWithoutSessionIdGets400() {
    assertJsonRpcError(client.post(client.request(), PING), 400, -32600);
  }

  @Test
  void anUnknownSessionIdGets404() {
    assertJsonRpcError(client.post(client.request("no-such-session"), PING), 404, -32600);
  }

  @Test
  void aSessionIdThatCannotBeValidIsUnknown() {
    assertJsonRpcError(client.post(client.request("x".repeat(129)), PING), 404, -32600);
  }

  @Test
  void anUnsupportedProtocolVersionHeaderGets400() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(
            client.request(sessionId).setHeader("MCP-Protocol-Version", "2024-11-05"), PING);

    assertJsonRpcError(response, 400, -32600);
  }

  @Test
  void anAbsentProtocolVersionHeaderIsAccepted() {
    String sessionId = client.handshake("2025-03-26");
    HttpRequest.Builder noVersion = client.request().header("Mcp-Session-Id", sessionId);

    HttpResponse<String> response = client.post(noVersion, PING);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void notificationsGet202WithoutBody() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(
            client.request(sessionId),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void responsesFromTheClientGet202() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":{}}");

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void putAndPatchGet405WithAllow() {
    HttpResponse<String> put =
        client.send(client.request().PUT(HttpRequest.BodyPublishers.ofString(PING)).build());
    HttpResponse<String> patch =
        client.send(
            client.request().method("PATCH", HttpRequest.BodyPublishers.ofString(PING)).build());

    for (HttpResponse<String> response : List.of(put, patch)) {
      assertJsonRpcError(response, 405, -32600);
      assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST, DELETE");
      if (transport == Transport.HTTP_1_1) {
        // The unread body makes Jetty close the connection; the answer must say so, or the client
        // reuses the connection and finds it closed under its next request.
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
      }
    }
  }

  @Test
  void anAcceptWithoutEventStreamGets406() {
    HttpRequest.Builder jsonOnly = client.request().setHeader("Accept", "application/json");

    assertJsonRpcError(
        client.post(jsonOnly, McpTestClient.initialize(1, "2025-11-25")), 406, -32600);
  }

  @Test
  void anAcceptWithoutJsonGets406() {
    HttpRequest.Builder sseOnly = client.request().setHeader("Accept", "text/event-stream");

    assertJsonRpcError(
        client.post(sseOnly, McpTestClient.initialize(1, "2025-11-25")), 406, -32600);
  }

  @Test
  void aContentTypeOtherThanJsonGets415() {
    HttpRequest.Builder text = client.request().setHeader("Content-Type", "text/plain");

    assertJsonRpcError(client.post(text, McpTestClient.initialize(1, "2025-11-25")), 415, -32600);
  }

  @Test
  void jsonWithACharsetParameterIsAccepted() {
    HttpRequest.Builder utf8 =
        client.request().setHeader("Content-Type", "application/json; charset=utf-8");

    assertThat(client.post(utf8, McpTestClient.initialize(1, "2025-11-25")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aBodyJustUnderTheLimitIsReadWholeWithOrWithoutContentLength() {
    String sessionId = client.handshake("2025-11-25");
    String prefix = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"";
    String suffix = "\"}}";
    String padded =
        prefix + "x".repeat(TestServer.MAX_BODY_BYTES - prefix.length() - suffix.length()) + suffix;
    assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(TestServer.MAX_BODY_BYTES);

    HttpResponse<String> declared = client.post(client.request(sessionId), padded);
    HttpResponse<String> chunked =
        client.send(
            client
                .request(sessionId)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .build());

    for (HttpResponse<String> response : List.of(declared, chunked)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(json(response).get("id").asInt()).isEqualTo(1);
      assertThat(json(response).has("result")).isTrue();
    }
  }

  @Test
  void aBodyOverTheLimitGets413WithOrWithoutContentLength() {
    String sessionId = client.handshake("2025-11-25");
    String big =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\""
            + "x".repeat(TestServer.MAX_BODY_BYTES)
            + "\"}}";

    HttpResponse<String> declared = client.post(client.request(sessionId), big);
    HttpResponse<String> chunked =
        client.send(
            client
                .request(sessionId)
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());

    assertJsonRpcError(declared, 413, -32600);
    assertJsonRpcError(chunked, 413, -32600);
  }

  @Test
  void malformedJsonGets400ParseError() {
    assertJsonRpcError(client.post(client.request(), "{\"jsonrpc\":"), 400, -32700);
  }

  @Test
  void aWrongJsonRpcShapeGets400InvalidRequest() {
    assertJsonRpcError(
        client.post(client.request(), "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}"),
        400,
        -32600);
    assertJsonRpcError(client.post(client.request(), "[]"), 400, -32600);
    assertJsonRpcError(client.post(client.request(), "42"), 400, -32600);
  }

  @Test
  void initializeInsideABatchGets400() {
    String body = "[" + McpTestClient.initialize(1, "2025-03-26") + "]";

    assertJsonRpcError(client.post(client.request(), body), 400, -32600);
  }

  @Test
  void initializeNamingALiveSessionGets400AndLeavesTheSessionServing() {
    String sessionId = client.handshake("2025-11-25");
    int before = server.sessions.size();

    HttpResponse<String> again =
        client.post(client.request(sessionId), McpTestClient.initialize(7, "2025-11-25"));

    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.headers().firstValue("Mcp-Session-Id")).isEmpty();
    assertThat(json(again).get("id").asInt()).isEqualTo(7);
    assertThat(json(again).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(again).at("/error/message").asString()).contains("Mcp-Session-Id");
    assertThat(server.sessions.size()).isEqualTo(before);
    HttpResponse<String> list =
        client.post(
            client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/list\"}");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).at("/result/tools").isArray()).isTrue();
  }

  @Test
  void aForeignOriginGets403AndLoopbackOriginsPass() {
    HttpRequest.Builder foreign = client.request().header("Origin", "https://evil.example");
    HttpRequest.Builder local = client.request().header("Origin", "http://localhost:3000");

    assertJsonRpcError(
        client.post(foreign, McpTestClient.initialize(1, "2025-11-25")), 403, -32600);
    assertThat(client.post(local, McpTestClient.initialize(1, "2025-11-25")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void healthAnswers200() {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(server.endpoint.resolve("/health")).GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("status").asString()).isEqualTo("ok");
  }

  @Test
  void otherPathsGet404() {
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(URI.create(server.endpoint + "x")).GET().build());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void everyAnswerComesOverTheTransportsProtocol() {
    HttpResponse<String> health =
        client.send(HttpRequest.newBuilder(server.endpoint.resolve("/health")).GET().build());
    HttpResponse<String> refused = client.post(client.request(), PING);

    assertThat(health.version()).isEqualTo(transport.version);
    assertThat(refused.version()).isEqualTo(transport.version);
    assertThat(server.endpoint.getScheme()).isEqualTo(transport.tls() ? "https" : "http");
  }
}
