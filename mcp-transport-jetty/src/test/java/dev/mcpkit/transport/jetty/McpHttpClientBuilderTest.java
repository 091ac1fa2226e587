package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The builder validates eagerly and names the option; a client closes cleanly whatever its state.
 */
class McpHttpClientBuilderTest {
  private static final URI ENDPOINT = URI.create("http://127.0.0.1:1/mcp");

  @Test
  void rejectsBadOptionsNamingThem() {
    McpHttpClient.Builder builder = McpHttpClient.builder(ENDPOINT);
    assertThatThrownBy(() -> builder.maxConnectionsPerDestination(0))
        .hasMessageContaining("maxConnectionsPerDestination");
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ZERO))
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> builder.connectTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> builder.defaultRetry(Duration.ofMillis(-1)))
        .hasMessageContaining("defaultRetry");
    assertThatThrownBy(() -> builder.maxMessageBytes(1023))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxMessageBytes");
    assertThatThrownBy(() -> builder.capability("roots", TestServer.JSON.readTree("1")))
        .hasMessageContaining("roots");
    assertThatThrownBy(() -> McpHttpClient.builder(URI.create("ftp://x/mcp")))
        .hasMessageContaining("http or https");
  }

  @Test
  void anUnreachableServerFailsTheCallAndCloseIsIdempotent() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    McpClient client =
        McpHttpClient.builder(URI.create("http://127.0.0.1:" + port + "/mcp"))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    assertThatThrownBy(client::initialize).isInstanceOf(McpClientException.class);
    assertThat(client.sessionId()).isEmpty();
    client.close();
    client.close();
    assertThatThrownBy(client::ping)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CLOSED");
  }
}
