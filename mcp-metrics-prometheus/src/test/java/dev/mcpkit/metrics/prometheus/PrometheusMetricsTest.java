package dev.mcpkit.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server wired with {@link PrometheusMetrics} as its javadoc shows, one tool call from a
 * real client, then {@code /metrics} scraped over HTTP.
 */
class PrometheusMetricsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void scrapeAfterAToolCallShowsTheCallTheSessionAndTheHttpExchanges() throws Exception {
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("scraped", "1")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes.",
                    JSON.readTree("{\"type\":\"object\"}"),
                    (arguments, ctx) -> ToolResult.text("echo")))
            .build();
    try (PrometheusMetrics prometheus = PrometheusMetrics.create("scraped-server")) {
      SessionManager sessions =
          SessionManagers.builder().listener(prometheus.metrics().sessionListener()).build();
      McpEngine engine =
          McpEngines.builder(config, sessions).observer(prometheus.serverObserver()).build();
      McpHttpServer server =
          prometheus
              .serveOn(McpHttpServer.builder().host("127.0.0.1").port(0).engine(engine))
              .build();
      server.start();
      try (McpClient client = McpHttpClient.builder(server.endpoint()).build()) {
        assertThat(client.callTool("echo", JSON.createObjectNode()).text()).isEqualTo("echo");

        URI metrics = server.endpoint().resolve(PrometheusMetrics.PATH);
        HttpResponse<String> scrape =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(metrics).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type"))
            .hasValue(PrometheusMetrics.CONTENT_TYPE);
        List<String> lines = Arrays.asList(scrape.body().split("\n"));
        assertThat(lines).contains("# TYPE mcp_server_operation_duration_seconds histogram");
        assertThat(lines)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("mcp_server_operation_duration_seconds_count{")
                        .contains("gen_ai_tool_name=\"echo\"")
                        .contains("mcp_method_name=\"tools/call\"")
                        .endsWith("} 1"));
        assertThat(lines)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("mcpkit_server_sessions{")
                        .contains("mcpkit_session_state=\"active\"")
                        .endsWith("} 1.0"));
        assertThat(lines)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("http_server_request_duration_seconds_count{")
                        .contains("http_request_method=\"POST\""));
        assertThat(lines)
            .anySatisfy(
                line ->
                    assertThat(line)
                        .startsWith("target_info{")
                        .contains("service_name=\"scraped-server\""));
      } finally {
        server.close();
        sessions.close();
      }
    }
  }
}
