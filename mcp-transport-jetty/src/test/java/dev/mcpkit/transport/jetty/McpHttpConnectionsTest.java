package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
  void aSharedPoolReadsWithHalfTheProcessorsByDefaultOrAsManySelectorsAsSet() {
    URI endpoint = URI.create("http://127.0.0.1:8080/mcp");
    try (McpHttpConnections shared = McpHttpConnections.builder(endpoint).build();
        McpHttpConnections three = McpHttpConnections.builder(endpoint).selectors(3).build()) {
      assertThat(shared.pool().selectors())
          .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
      assertThat(three.pool().selectors()).isEqualTo(3);
    }
    // A client session's own pool (no shared one given) reads with one.
    assertThat(McpHttpConnections.builder(endpoint).settings().selectors()).isEqualTo(1);
    assertThatThrownBy(() -> McpHttpConnections.builder(endpoint).selectors(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selectors");
  }

  @Test
  void sessionsOnAPoolWithSeveralSelectorsAreAllServed() throws Exception {
    try (TestServer server = new TestServer();
        McpHttpConnections connections =
            McpHttpConnections.builder(server.endpoint)
                .maxConnectionsPerDestination(8)
                .selectors(3)
                .build()) {
      List<McpClient> sessions = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        McpClient session = session(server.endpoint, connections);
        session.initialize();
        sessions.add(session);
      }
      List<CompletableFuture<String>> answers = new ArrayList<>();
      for (int round = 0; round < 10; round++) {
        for (int i = 0; i < sessions.size(); i++) {
          String message = "s" + i + "r" + round;
          answers.add(
              sessions
                  .get(i)
                  .requestWithoutBlocking(
                      "tools/call",
                      TestServer.JSON.readTree(
                          "{\"name\":\"echo\",\"arguments\":{\"message\":\"" + message + "\"}}"),
                      RequestOptions.defaults())
                  .thenApply(result -> result.at("/content/0/text").asString()));
        }
      }
      for (int k = 0; k < answers.size(); k++) {
        assertThat(answers.get(k).get(20, TimeUnit.SECONDS))
            .isEqualTo("s" + (k % 6) + "r" + (k / 6));
      }
      for (McpClient session : sessions) {
        session.close();
      }
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
