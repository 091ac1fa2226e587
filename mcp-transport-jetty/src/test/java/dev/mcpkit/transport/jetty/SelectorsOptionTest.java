package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@link McpHttpServer.Builder#selectors(int)}: validated eagerly, and a server with more than one
 * selector serves both request paths (the count itself reaching Jetty is {@code ConnectorsTest}'s).
 */
class SelectorsOptionTest {
  @Test
  void aNegativeCountIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> McpHttpServer.builder().selectors(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selectors")
        .hasMessageContaining("-1");
  }

  @Test
  void aServerWithTwoSelectorsServesInlineAndBlockingCalls() {
    try (TestServer server = new TestServer(builder -> builder.selectors(2))) {
      McpTestClient client = new McpTestClient(server.endpoint);
      String session = client.handshake("2025-11-25");
      for (String tool : new String[] {"inline-echo", "echo"}) {
        for (int i = 0; i < 8; i++) {
          HttpResponse<String> answer =
              client.post(client.request(session), call(i, tool, "{\"message\":\"s" + i + "\"}"));
          assertThat(answer.statusCode()).isEqualTo(200);
          assertThat(json(answer).at("/result/content/0/text").asString()).isEqualTo("s" + i);
        }
      }
    }
  }
}
