package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link McpHttpClient.Builder#resumeSession} and {@link McpHttpClient.Builder#endSessionOnClose}:
 * a second client (another node of a gateway cluster) carries on a session the first one opened,
 * without {@code initialize}, and closing a client that does not end its session leaves it to the
 * others.
 */
class ResumedSessionTest {

  private static McpHttpClient.Builder builder(TestServer server) {
    return McpHttpClient.builder(server.endpoint)
        .clientInfo("resume-test", "1.0")
        .requestTimeout(Duration.ofSeconds(20));
  }

  @Test
  void aResumedClientCarriesOnTheSessionAndOnlyAnEndingCloseDeletesIt() {
    try (TestServer server = new TestServer()) {
      McpClient first = builder(server).endSessionOnClose(false).build();
      first.initialize();
      String id = first.sessionId().orElseThrow();
      ProtocolVersion version = first.protocolVersion().orElseThrow();
      first.close();
      assertThat(server.sessions.size()).as("closing without ending leaves the session").isOne();

      McpClient second =
          builder(server).resumeSession(id, version).endSessionOnClose(false).build();
      assertThat(second.sessionId()).contains(id);
      assertThat(second.initialize().protocolVersion()).isEqualTo(version);
      assertThat(
              second.callTool("echo", TestServer.JSON.readTree("{\"message\":\"again\"}")).text())
          .isEqualTo("again");
      assertThat(server.sessions.size()).as("no new session was initialized").isOne();
      second.close();
      assertThat(server.sessions.size()).isOne();

      McpClient third = builder(server).resumeSession(id, version).build();
      assertThat(third.callTool("echo", TestServer.JSON.readTree("{\"message\":\"x\"}")).text())
          .isEqualTo("x");
      third.close();
      assertThat(server.sessions.size()).as("an ending close sends DELETE").isZero();
    }
  }

  @Test
  void aResumedSessionTheServerForgotIsReplacedByANewOne() {
    try (TestServer server = new TestServer()) {
      try (McpClient client =
          builder(server).resumeSession("no-such-session", ProtocolVersion.V2025_11_25).build()) {
        assertThat(client.listTools()).isNotEmpty(); // 404, initialize, the listing repeated
        assertThat(client.sessionId()).isPresent().get().isNotEqualTo("no-such-session");
        assertThat(server.sessions.size()).isOne();
      }
    }
  }

  @Test
  void aSessionlessVersionCannotBeResumed() {
    assertThatThrownBy(
            () ->
                McpHttpClient.builder(java.net.URI.create("http://127.0.0.1:1/mcp"))
                    .resumeSession("abc", ProtocolVersion.V2026_07_28))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resumeSession");
  }
}
