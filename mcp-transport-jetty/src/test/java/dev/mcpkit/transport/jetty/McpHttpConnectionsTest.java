package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Client sessions on one shared connection pool ({@link McpHttpConnections}). */
class McpHttpConnectionsTest {

  /** Records the pools started and the connections opened through it. */
  private static final class PoolRecorder implements HttpClientObserver {
    final List<ConnectionPool> pools = new CopyOnWriteArrayList<>();

    @Override
    public Registration poolStarted(ConnectionPool pool) {
      pools.add(pool);
      return Registration.NONE;
    }
  }

  private static McpClient session(URI endpoint, McpHttpConnections connections) {
    return McpHttpClient.builder(endpoint)
        .clientInfo("pool-test", "1.0")
        .requestTimeout(Duration.ofSeconds(20))
        .openEventStream(false)
        .connections(connections)
        .build();
  }

  @Test
  void sessionsShareOnePoolThatOutlivesEachOfThem() {
    PoolRecorder recorder = new PoolRecorder();
    try (TestServer server = new TestServer();
        McpHttpConnections connections =
            McpHttpConnections.builder(server.endpoint)
                .maxConnectionsPerDestination(4)
                .httpObserver(recorder)
                .build()) {
      McpClient alice = session(server.endpoint, connections);
      McpClient bob = session(server.endpoint, connections);
      alice.initialize();
      bob.initialize();
      assertThat(alice.sessionId()).isPresent().isNotEqualTo(bob.sessionId());
      assertThat(alice.callTool("echo", TestServer.JSON.readTree("{\"message\":\"a\"}")).text())
          .isEqualTo("a");
      assertThat(bob.callTool("echo", TestServer.JSON.readTree("{\"message\":\"b\"}")).text())
          .isEqualTo("b");

      // One Jetty client for both sessions: one pool started, its connections shared.
      assertThat(recorder.pools).hasSize(1);
      HttpClientObserver.ConnectionPool pool = recorder.pools.get(0);
      assertThat(pool.idleConnections() + pool.activeConnections()).isBetween(1, 4);

      // Closing a session ends it (DELETE) but leaves the pool to the other.
      alice.close();
      assertThat(server.sessions.size()).isEqualTo(1);
      assertThat(bob.callTool("echo", TestServer.JSON.readTree("{\"message\":\"c\"}")).text())
          .isEqualTo("c");

      // Closing the pool fails the sessions still on it, clearly.
      connections.close();
      assertThatThrownBy(
              () -> bob.callTool("echo", TestServer.JSON.readTree("{\"message\":\"d\"}")))
          .isInstanceOf(McpClientException.class);
    }
  }

  @Test
  void aPoolServesOnlyItsOwnSchemeHostAndPort() {
    try (McpHttpConnections connections =
        McpHttpConnections.builder(URI.create("http://127.0.0.1:8080/mcp")).build()) {
      assertThatThrownBy(
              () ->
                  McpHttpClient.builder(URI.create("http://127.0.0.1:8081/mcp"))
                      .connections(connections)
                      .build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("http://127.0.0.1:8081/mcp");
      // Another path on the same server is the same destination.
      McpHttpClient.builder(URI.create("http://127.0.0.1:8080/other"))
          .connections(connections)
          .build();
    }
    assertThatThrownBy(() -> McpHttpConnections.builder(URI.create("ftp://x/mcp")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
