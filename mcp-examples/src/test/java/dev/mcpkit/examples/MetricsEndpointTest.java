package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scrapes {@code /metrics} of a running EverythingServer over HTTP after real MCP traffic, and
 * parses it.
 */
class MetricsEndpointTest {
  private static final String VERSION = "2025-11-25";

  /** {@code name{labels} value}; labels optional. */
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static EverythingServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void scrapeShowsOperationsSessionsAndHttpInPrometheusText() throws Exception {
    HttpResponse<String> init =
        post(
            null,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                + "\"protocolVersion\":\""
                + VERSION
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    HttpResponse<String> call =
        post(
            session,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"test_simple_text\",\"arguments\":{}}}");
    assertThat(call.statusCode()).isEqualTo(200);

    HttpResponse<String> scrape =
        http.send(
            HttpRequest.newBuilder(server.metricsEndpoint()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    List<Sample> samples = parse(scrape.body());

    assertThat(scrape.body()).contains("# TYPE mcp_server_operation_duration_seconds histogram");
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("mcp_server_operation_duration_seconds_count");
              assertThat(s.labels())
                  .containsEntry("mcp_method_name", "tools/call")
                  .containsEntry("gen_ai_tool_name", "test_simple_text")
                  .containsEntry("mcp_protocol_version", VERSION)
                  .doesNotContainKey("error_type");
              assertThat(s.value()).isEqualTo(1.0);
            });
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("mcpkit_server_sessions");
              assertThat(s.labels()).containsEntry("mcpkit_session_state", "active");
              assertThat(s.value()).isEqualTo(1.0);
            });
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("http_server_request_duration_seconds_count");
              assertThat(s.labels())
                  .containsEntry("http_request_method", "POST")
                  .containsEntry("http_response_status_code", "200");
              // At least initialize: an exchange is recorded once its write completed, a hair after
              // the client read it.
              assertThat(s.value()).isGreaterThanOrEqualTo(1.0);
            });
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("mcpkit_server_session_opened_total");
              assertThat(s.value()).isGreaterThanOrEqualTo(1.0);
            });
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("target_info");
              assertThat(s.labels()).containsEntry("service_name", "mcpkit-everything-server");
            });
    assertThat(samples).noneSatisfy(s -> assertThat(s.labels()).containsValue(session));
  }

  private HttpResponse<String> post(String session, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.endpoint())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (session != null) {
      request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  record Sample(String name, Map<String, String> labels, double value) {}

  /** A strict reader of the text format's sample lines; comments must be HELP or TYPE. */
  private static List<Sample> parse(String text) {
    List<Sample> samples = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        assertThat(line).matches("# (HELP|TYPE) \\S+ .*");
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("sample line: %s", line).isTrue();
      Map<String, String> labels = new HashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
    }
    assertThat(samples).isNotEmpty();
    return samples;
  }
}
