package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.session.BoundedExecutors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** DNS-rebinding protection through {@code Host}, and 503 when the request bound is reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityAndSaturationTest {
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

  private final BoundedExecutor executor = BoundedExecutors.virtualThreads(1);
  private final TestServer server =
      new TestServer(builder -> builder.executor(executor).allowHost("mcp.test"));
  private final McpTestClient client = new McpTestClient(server.endpoint);

  @AfterAll
  void stop() {
    server.close();
    executor.close();
  }

  /** Sends a raw HTTP/1.1 POST, since java.net.http does not let a caller set {@code Host}. */
  private String rawPost(String host, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /mcp HTTP/1.1\r\nHost: "
            + host
            + "\r\nAccept: "
            + McpTestClient.BOTH
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aForeignHostGets403WithAJsonRpcError() throws IOException {
    String answer =
        rawPost("evil.example:" + server.server.port(), McpTestClient.initialize(1, "2025-11-25"));

    assertThat(answer).startsWith("HTTP/1.1 403 ");
    assertThat(answer)
        .contains("\"error\":{\"code\":-32600,\"message\":\"Forbidden: host not allowed\"}");
  }

  @Test
  void loopbackAndConfiguredHostsPass() throws IOException {
    assertThat(
            rawPost("localhost:" + server.server.port(), McpTestClient.initialize(1, "2025-11-25")))
        .startsWith("HTTP/1.1 200 ");
    assertThat(rawPost("mcp.test", McpTestClient.initialize(1, "2025-11-25")))
        .startsWith("HTTP/1.1 200 ");
  }

  @Test
  void requestsBeyondTheBoundGet503WithRetryAfterButNotificationsPass() {
    String sessionId = client.handshake("2025-11-25");
    HttpResponse<String> saturated;
    HttpResponse<String> notification;
    try (BoundedExecutor.Permit held = executor.tryAcquire()) {
      assertThat(held).isNotNull();

      saturated = client.post(client.request(sessionId), PING);
      notification =
          client.post(
              client.request(sessionId),
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":42}}");
    }
    HttpResponse<String> afterwards = client.post(client.request(sessionId), PING);

    assertThat(saturated.statusCode()).isEqualTo(503);
    assertThat(saturated.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json(saturated).at("/error/code").asInt()).isEqualTo(-32603);
    assertThat(notification.statusCode()).isEqualTo(202);
    assertThat(afterwards.statusCode()).isEqualTo(200);
    // The permit is released before the answer is written, so a client holding its answer sees it
    // free.
    assertThat(executor.activeCount()).isZero();
  }
}
