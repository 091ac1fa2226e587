package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Public documents beside the endpoint ({@link McpHttpServer.Builder#document}) on a real server
 * whose endpoint needs a token, and an authenticator's 403 ({@link Authenticator.Forbid}).
 */
class DocumentsTest {
  private static final String PATH = "/.well-known/oauth-protected-resource";
  private static final String DOCUMENT = "{\"resource\":\"http://127.0.0.1/mcp\"}";

  private TestServer server;
  private McpTestClient client;

  @BeforeEach
  void start() {
    Authenticator forbidsCarol =
        request ->
            "Bearer carol".equals(request.header("Authorization"))
                ? new Authenticator.Forbid(
                    "Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"",
                    "Forbidden: insufficient scope")
                : Authenticator.bearerTokens(Map.of("alice-token", "alice")).authenticate(request);
    server =
        new TestServer(
            builder ->
                builder
                    .authenticator(forbidsCarol)
                    .document(PATH, "application/json", DOCUMENT.getBytes(StandardCharsets.UTF_8))
                    .document(
                        PATH + "/mcp", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
    client = new McpTestClient(server.endpoint);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint.resolve(path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.GET().build());
  }

  @Test
  void aDocumentIsServedWithoutATokenToAnyOrigin() {
    HttpResponse<String> answer = get(PATH, "Origin", "https://app.example");
    HttpResponse<String> suffixed = get(PATH + "/mcp");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(DOCUMENT);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(suffixed.statusCode()).isEqualTo(200);
    assertThat(suffixed.body()).isEqualTo("{}");
    assertThat(get("/.well-known/other").statusCode()).isEqualTo(404);
  }

  @Test
  void headPreflightAndOtherMethods() {
    HttpResponse<String> head =
        client.send(
            HttpRequest.newBuilder(server.endpoint.resolve(PATH))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
    HttpResponse<String> preflight =
        client.send(
            HttpRequest.newBuilder(server.endpoint.resolve(PATH))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "mcp-protocol-version")
                .build());
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(server.endpoint.resolve(PATH))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(DOCUMENT.length()));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
        .hasValue("mcp-protocol-version");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD, OPTIONS");
  }

  @Test
  void aForeignHostGets403() throws IOException {
    String request = "GET " + PATH + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 403 ").doesNotContain(DOCUMENT);
    }
  }

  @Test
  void theEndpointStillNeedsItsToken() {
    HttpResponse<String> anonymous =
        client.post(client.request(), McpTestClient.initialize(1, "2025-11-25"));
    McpTestClient alice = client.authorized("Bearer alice-token");

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(alice.handshake("2025-11-25")).isNotBlank();
  }

  @Test
  void aForbidGets403WithItsChallengeAndAJsonRpcError() {
    McpTestClient carol = client.authorized("Bearer carol");
    int sessionsBefore = server.sessions.size();

    HttpResponse<String> answer =
        carol.post(carol.request(), McpTestClient.initialize(1, "2025-11-25"));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer error=\"insufficient_scope\", scope=\"mcp:admin\"");
    assertThat(json(answer).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(json(answer).at("/error/message").asString())
        .isEqualTo("Forbidden: insufficient scope");
    assertThat(server.sessions.size()).isEqualTo(sessionsBefore);
  }

  @Test
  void aDocumentPathMustNotTakeTheEndpointOrHealthCheck() {
    McpHttpServer.Builder builder = McpHttpServer.builder();
    byte[] body = new byte[0];

    assertThatThrownBy(() -> builder.document("/mcp", "application/json", body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/mcp");
    assertThatThrownBy(() -> builder.document("/health", "application/json", body))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.document("relative", "application/json", body))
        .isInstanceOf(IllegalArgumentException.class);
    McpHttpServer.Builder moved =
        McpHttpServer.builder()
            .engine(
                McpEngines.create(
                    McpServerConfig.builder().serverInfo("t", "1").build(),
                    SessionManagers.builder().build()))
            .document("/x", "application/json", body)
            .path("/x");
    assertThatThrownBy(moved::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/x");
  }
}
