package dev.mcpkit.gateway.internal.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.internal.UpstreamCallbacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How a replayed tape picks its answers, and what it sends again before them. */
class ReplayClientTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path directory;

  private final List<String> toClient = new CopyOnWriteArrayList<>();

  private final UpstreamCallbacks callbacks =
      new UpstreamCallbacks() {
        @Override
        public JsonNode onRequest(String method, JsonNode params) {
          toClient.add("request " + method + " " + params);
          return JSON.readTree("{\"action\":\"accept\"}");
        }

        @Override
        public void onNotification(JsonRpcNotification notification) {
          toClient.add("notification " + notification.method());
        }
      };

  private static String line(String dir, String call, String message) {
    return "{\"t\":\"2026-12-02T06:00:00Z\",\"dir\":\""
        + dir
        + "\",\"upstream\":\"docs\",\"call\":\""
        + call
        + "\",\"message\":"
        + message
        + "}";
  }

  private static String request(String call, String method, String params) {
    return line(
        "gateway-to-upstream",
        call,
        "{\"jsonrpc\":\"2.0\",\"id\":\""
            + call
            + "\",\"method\":\""
            + method
            + "\",\"params\":"
            + params
            + "}");
  }

  private static String result(String call, String result) {
    return line(
        "upstream-to-gateway",
        call,
        "{\"jsonrpc\":\"2.0\",\"id\":\"" + call + "\",\"result\":" + result + "}");
  }

  private static String during(String call, String message) {
    return line("upstream-to-gateway", call, message);
  }

  private ReplayClient client() throws Exception {
    Path tape = directory.resolve("t.jsonl");
    Files.write(
        tape,
        List.of(
            "{\"tape\":\"mcpkit-tape/1\",\"session\":\"abc\",\"started\":\"2026-12-02T06:00:00Z\"}",
            request("u1", "initialize", "{\"capabilities\":{}}"),
            result(
                "u1",
                "{\"protocolVersion\":\"2025-11-25\",\"serverInfo\":{\"name\":\"docs\",\"version\":\"2\"},"
                    + "\"capabilities\":{\"tools\":{}},\"instructions\":\"Read the docs.\"}"),
            request("u2", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}}"),
            during(
                "u2",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                    + "{\"progressToken\":\"u2\",\"progress\":1,\"total\":2,\"message\":\"half\"}}"),
            during(
                "u2",
                "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"elicitation/create\",\"params\":{\"message\":\"sure?\"}}"),
            during(
                "u2",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}"),
            result("u2", "{\"content\":[{\"type\":\"text\",\"text\":\"first a\"}]}"),
            request("u3", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}}"),
            result("u3", "{\"content\":[{\"type\":\"text\",\"text\":\"b\"}]}"),
            request("u4", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}}"),
            result("u4", "{\"content\":[{\"type\":\"text\",\"text\":\"second a\"}]}"),
            request("u5", "tools/call", "{\"name\":\"boom\"}"),
            line(
                "upstream-to-gateway",
                "u5",
                "{\"jsonrpc\":\"2.0\",\"id\":\"u5\",\"error\":{\"code\":-32602,\"message\":\"Unknown tool: boom\"}}"),
            "{\"t\":\"2026-12-02T06:00:01Z\",\"end\":\"closed\",\"dropped\":0}"));
    return (ReplayClient)
        new ReplayUpstream(UpstreamConfig.tape("docs", tape)).open(JSON.readTree("{}"), callbacks);
  }

  private static String text(JsonNode result) {
    return result.at("/content/0/text").asString();
  }

  private static JsonNode echo(String text, String meta) {
    return JSON.readTree(
        "{\"name\":\"echo\",\"arguments\":{\"text\":\"" + text + "\"}" + meta + "}");
  }

  @Test
  void initializeAnswersWithTheRecordedServer() throws Exception {
    var init = client().initialize();

    assertThat(init.serverName()).isEqualTo("docs");
    assertThat(init.instructions()).isEqualTo("Read the docs.");
    assertThat(init.capabilities().has("tools")).isTrue();
  }

  @Test
  void requestsAreMatchedByMethodAndParamsInOrderThenTheLastAgain() throws Exception {
    ReplayClient client = client();
    RequestOptions none = RequestOptions.defaults();

    assertThat(text(client.request("tools/call", echo("b", ""), none))).isEqualTo("b");
    assertThat(text(client.request("tools/call", echo("a", ""), none))).isEqualTo("first a");
    assertThat(
            text(
                client.request(
                    "tools/call", echo("a", ",\"_meta\":{\"traceparent\":\"x\"}"), none)))
        .as("_meta is not compared")
        .isEqualTo("second a");
    assertThat(text(client.request("tools/call", echo("a", ""), none)))
        .as("every match used: the last one again")
        .isEqualTo("second a");
  }

  @Test
  void whatTheUpstreamSentDuringACallIsSentAgainBeforeItsAnswer() throws Exception {
    List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();

    client()
        .request(
            "tools/call", echo("a", ""), RequestOptions.defaults().withProgress(progress::add));

    assertThat(progress).containsExactly(new ProgressListener.Progress(1, 2.0, "half"));
    assertThat(toClient)
        .containsExactly(
            "request elicitation/create {\"message\":\"sure?\"}",
            "notification notifications/message");
  }

  @Test
  void aRecordedErrorIsAnsweredAndAnUnrecordedRequestIsAnErrorNamingIt() throws Exception {
    ReplayClient client = client();

    assertThatThrownBy(
            () ->
                client.request(
                    "tools/call", JSON.readTree("{\"name\":\"boom\"}"), RequestOptions.defaults()))
        .isInstanceOfSatisfying(
            McpClientException.class,
            e -> {
              assertThat(e.error().orElseThrow().code()).isEqualTo(-32602);
              assertThat(e.error().orElseThrow().message()).isEqualTo("Unknown tool: boom");
            });
    assertThatThrownBy(
            () -> client.request("tools/call", echo("zzz", ""), RequestOptions.defaults()))
        .isInstanceOfSatisfying(
            McpClientException.class,
            e -> assertThat(e.error().orElseThrow().message()).contains("no answer to tools/call"));
    assertThat(client.request("prompts/list", null, RequestOptions.defaults()).toString())
        .as("an unrecorded listing is empty")
        .isEqualTo("{\"prompts\":[]}");
  }

  @Test
  void aTapeWithoutTheUpstreamIsRefusedNamingWhatItHolds() throws Exception {
    client();
    Path tape = directory.resolve("t.jsonl");
    Files.writeString(
        tape,
        Files.readString(tape).replace("\"upstream\":\"docs\"", "\"upstream\":\"other\"")
            + request("u9", "ping", "{}").replace("\"docs\"", "\"third\"")
            + "\n");

    assertThatThrownBy(() -> new ReplayUpstream(UpstreamConfig.tape("docs", tape)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[other, third]");
  }
}
