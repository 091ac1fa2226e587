package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code sdk-modern} kind (the official SDK 2.2.0's sessionless server on Jetty) started as
 * {@link ServerMain} starts it, on loopback, and sent the 2026-07-28 {@code tools/call} of {@code
 * echo} exactly as {@code scripts/wrk.sh} and {@code scripts/wrk/mcp-call.lua} send it: no session,
 * headers {@code Mcp-Protocol-Version}, {@code Mcp-Method} and {@code Mcp-Name}, and the {@code
 * _meta} of the revision in the params. It asserts the answer, not how fast it came.
 */
class E2eSdkModernSmokeTest {
  private static final String REVISION = "2026-07-28";
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
          + "\"arguments\":{\"message\":\"hello\"},"
          + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
          + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"wrk\",\"version\":\"1\"},"
          + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";

  private RunningServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    server = ServerMain.start(ServerKind.SDK_MODERN, null);
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void answersTheSessionlessToolsCallOfEchoAsWrkSendsIt() throws Exception {
    HttpResponse<String> answer = post(true);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Mcp-Session-Id")).isEmpty();
    String type = answer.headers().firstValue("Content-Type").orElse("");
    JsonNode message =
        type.startsWith("text/event-stream")
            ? McpMessages.messageOfEventStream(answer.body())
            : JsonMapper.builder().build().readTree(answer.body());
    assertThat(message.path("id").asInt()).isEqualTo(1);
    assertThat(message.has("error")).as(answer.body()).isFalse();
    JsonNode result = message.path("result");
    assertThat(result.path("isError").asBoolean(true)).isFalse();
    assertThat(result.path("content").path(0).path("type").asString()).isEqualTo("text");
    assertThat(result.path("content").path(0).path("text").asString()).isEqualTo(EchoTool.MESSAGE);
  }

  @Test
  void refusesTheCallWithoutTheRevisionsMethodHeader() throws Exception {
    HttpResponse<String> answer = post(false);

    // The modern server checks the 2026-07-28 headers: this is not a lenient session server.
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.body()).contains("Mcp-Method");
  }

  private HttpResponse<String> post(boolean withMethodHeader) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/mcp"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .header("Mcp-Protocol-Version", REVISION)
            .header("Mcp-Name", EchoTool.NAME)
            .POST(HttpRequest.BodyPublishers.ofString(CALL));
    if (withMethodHeader) {
      request.header("Mcp-Method", "tools/call");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
