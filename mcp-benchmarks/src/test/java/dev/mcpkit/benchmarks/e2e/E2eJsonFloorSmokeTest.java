package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON floors ({@code jetty-json}, {@code jetty-json-vt}) started as {@link ServerMain} starts
 * them, on loopback, and sent what {@code scripts/wrk.sh} sends: {@code initialize}, then the
 * {@code tools/call} of {@code echo} of 2025-11-25 and of 2026-07-28 (with its {@code _meta}). Each
 * answer must carry the echoed text in the shape mcpkit gives that revision, so that the floor
 * writes what mcpkit writes. It asserts the answers, not how fast they came.
 */
class E2eJsonFloorSmokeTest {
  private static final String ARGUMENTS =
      "\"arguments\":{\"message\":\"" + EchoTool.MESSAGE + "\"}";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + ARGUMENTS
          + "}}";
  private static final String SESSIONLESS_CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + ARGUMENTS
          + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}";
  private static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
          + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @EnumSource(
      value = ServerKind.class,
      names = {"JETTY_JSON", "JETTY_JSON_VT"})
  void answersAsMcpkitAnswersEachRevision(ServerKind kind) throws Exception {
    RunningServer server = ServerMain.start(kind, null);
    try {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/mcp");

      HttpResponse<String> initialized = post(client, endpoint, INITIALIZE);
      assertThat(initialized.statusCode()).isEqualTo(200);
      assertThat(initialized.headers().firstValue("Mcp-Session-Id")).isPresent();
      assertThat(
              JSON.readTree(initialized.body()).path("result").path("protocolVersion").asString())
          .isEqualTo("2025-11-25");

      JsonNode answer = JSON.readTree(post(client, endpoint, CALL).body());
      assertThat(answer.path("id").asInt()).isEqualTo(7);
      assertThat(answer.path("result").path("content").path(0).path("text").asString())
          .isEqualTo(EchoTool.MESSAGE);
      assertThat(answer.path("result").path("isError").isBoolean()).isTrue();
      assertThat(answer.path("result").has("resultType")).isFalse();

      JsonNode sessionless = JSON.readTree(post(client, endpoint, SESSIONLESS_CALL).body());
      assertThat(sessionless.path("id").asString()).isEqualTo("s");
      JsonNode result = sessionless.path("result");
      assertThat(result.path("content").path(0).path("text").asString())
          .isEqualTo(EchoTool.MESSAGE);
      assertThat(result.path("resultType").asString()).isEqualTo("complete");
      assertThat(result.path("_meta").path("io.modelcontextprotocol/serverInfo").has("name"))
          .isTrue();
    } finally {
      server.close();
    }
  }

  private static HttpResponse<String> post(HttpClient client, URI endpoint, String body)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
