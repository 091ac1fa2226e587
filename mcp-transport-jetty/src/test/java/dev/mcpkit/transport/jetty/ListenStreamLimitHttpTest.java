package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Revision 2026-07-28 holds no session, but a {@code subscriptions/listen} stream holds a request
 * and a connection for as long as the client listens: it counts against the per-client stream limit
 * like a GET stream, so a client cannot open listen streams without end. The one over the limit is
 * answered 429 with {@code Retry-After} and a JSON-RPC error; when a stream ends, its place is free
 * again.
 */
class ListenStreamLimitHttpTest {
  private static final String META =
      "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @Test
  void listenStreamsBeyondTheClientLimitAreRefused() throws Exception {
    SessionManager sessions = SessionManagers.builder().build();
    McpServerConfig config = McpServerConfig.builder().serverInfo("s", "1").build();
    McpHttpServer server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .maxStreamsPerClient(2)
            .keepAlive(Duration.ofMillis(200)) // a dropped listener is noticed at the next write
            .engine(McpEngines.create(config, sessions))
            .build();
    URI endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<SseReader> open = new ArrayList<>();
    try {
      for (int id = 1; id <= 2; id++) {
        SseReader stream = listen(http, endpoint, id);
        open.add(stream);
        assertThat(stream.nextMessage().json().get("method").asString())
            .isEqualTo("notifications/subscriptions/acknowledged");
      }

      HttpResponse<String> third =
          http.send(listenRequest(endpoint, 3), HttpResponse.BodyHandlers.ofString());
      assertThat(third.statusCode()).isEqualTo(429);
      assertThat(third.headers().firstValue("Retry-After")).isPresent();
      assertThat(TestServer.JSON.readTree(third.body()).at("/error/code").asInt())
          .isEqualTo(-32600);

      open.removeFirst().close(); // the client stops listening on one: its place frees
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                SseReader again = listen(http, endpoint, 4);
                try {
                  assertThat(again.status()).isEqualTo(200);
                } finally {
                  again.close();
                }
              });
    } finally {
      open.forEach(SseReader::close);
      server.close();
      sessions.shutdown(Duration.ofSeconds(1));
    }
  }

  private static SseReader listen(HttpClient http, URI endpoint, int id) {
    return SseReader.open(
        http.sendAsync(listenRequest(endpoint, id), HttpResponse.BodyHandlers.ofLines()));
  }

  private static HttpRequest listenRequest(URI endpoint, int id) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"subscriptions/listen\",\"params\":{"
            + "\"notifications\":{\"toolsListChanged\":true},\"_meta\":"
            + META
            + "}}";
    return HttpRequest.newBuilder(endpoint)
        .header("Accept", "application/json, text/event-stream")
        .header("Content-Type", "application/json")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "subscriptions/listen")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
