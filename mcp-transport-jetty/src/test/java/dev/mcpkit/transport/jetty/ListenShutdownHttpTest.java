package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.BoundedExecutors;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A {@code subscriptions/listen} stream (revision 2026-07-28) takes no permit of the bounded
 * executor, and ends with a {@code SubscriptionsListenResult} carrying its subscription id when the
 * server stops.
 */
class ListenShutdownHttpTest {
  private static final String META =
      "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

  @Test
  void listenStreamsTakeNoPermitAndEndWithAResultWhenTheServerStops() throws Exception {
    SessionManager sessions = SessionManagers.builder().build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("s", "1")
            .tool(
                Tool.of(
                    "t",
                    "d",
                    TestServer.JSON.readTree("{\"type\":\"object\"}"),
                    (a, c) -> ToolResult.text("ok")))
            .build();
    BoundedExecutor oneAtATime = BoundedExecutors.virtualThreads(1);
    McpHttpServer server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .keepAlive(Duration.ofMillis(200))
            .executor(oneAtATime)
            .engine(McpEngines.create(config, sessions))
            .build();
    URI endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<SseReader> streams = List.of(listen(http, endpoint, 1), listen(http, endpoint, 2));
    try {
      for (SseReader stream : streams) {
        assertThat(stream.nextMessage().json().get("method").asString())
            .isEqualTo("notifications/subscriptions/acknowledged");
      }
      // Two open listen streams, an executor of one: a tool call still gets through.
      HttpResponse<String> call =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .header("Accept", "application/json, text/event-stream")
                  .header("Content-Type", "application/json")
                  .header("MCP-Protocol-Version", "2026-07-28")
                  .header("Mcp-Method", "tools/call")
                  .header("Mcp-Name", "t")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\","
                              + "\"params\":{\"name\":\"t\",\"_meta\":"
                              + META
                              + "}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(call.statusCode()).isEqualTo(200);

      server.close();
      for (int i = 0; i < streams.size(); i++) {
        JsonNode last = streams.get(i).nextMessage().json();
        assertThat(last.get("id").asInt()).isEqualTo(i + 1);
        assertThat(last.at("/result/_meta/io.modelcontextprotocol~1subscriptionId").asInt())
            .isEqualTo(i + 1);
        assertThat(last.at("/result/resultType").asString()).isEqualTo("complete");
      }
    } finally {
      streams.forEach(SseReader::close);
      server.close();
      sessions.shutdown(Duration.ofSeconds(1));
    }
  }

  private static SseReader listen(HttpClient http, URI endpoint, int id) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\"subscriptions/listen\",\"params\":{"
            + "\"notifications\":{\"toolsListChanged\":true},\"_meta\":"
            + META
            + "}}";
    return SseReader.open(
        http.sendAsync(
            HttpRequest.newBuilder(endpoint)
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "subscriptions/listen")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofLines()));
  }
}
