package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.initialize;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The protocol over a real server on loopback, over each {@link Transport}: handshake, tools,
 * progress over SSE, cancellation.
 */
class McpHttpServerTest extends OverEveryTransport {

  @Test
  void initializeIssuesASessionIdAndEchoesASupportedVersion() {
    HttpResponse<String> response = client.post(client.request(), initialize(1, "2025-06-18"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(transport.version);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    String sessionId = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(SessionId.isValid(sessionId)).isTrue();
    assertThat(sessionId.length()).isGreaterThanOrEqualTo(22);
    JsonNode result = json(response).get("result");
    assertThat(json(response).get("id").asInt()).isEqualTo(1);
    assertThat(result.get("protocolVersion").asString()).isEqualTo("2025-06-18");
    assertThat(result.at("/serverInfo/name").asString()).isEqualTo("test-server");
    assertThat(result.at("/serverInfo/version").asString()).isEqualTo("1.2.3");
    assertThat(result.get("instructions").asString()).isEqualTo("For tests.");
    assertThat(result.at("/capabilities/tools").isObject()).isTrue();
    assertThat(server.sessions.lookup(SessionId.of(sessionId)).state())
        .isEqualTo(SessionState.INITIALIZING);
  }

  @Test
  void initializeWithAnUnsupportedVersionAnswersTheLatest() {
    HttpResponse<String> response = client.post(client.request(), initialize(7, "1999-01-01"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
  }

  @Test
  void initializedNotificationIsAcceptedWith202AndActivatesTheSession() {
    String sessionId = client.handshake("2025-11-25");

    assertThat(server.sessions.lookup(SessionId.of(sessionId)).state())
        .isEqualTo(SessionState.ACTIVE);
  }

  @Test
  void pingAnswersAnEmptyResult() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(
            client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"ping\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("id").asString()).isEqualTo("p");
    assertThat(json(response).get("result").isEmpty()).isTrue();
  }

  @Test
  void toolsListShowsEveryToolWithItsSchema() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(
            client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode tools = json(response).at("/result/tools");
    assertThat(tools.valueStream().map(t -> t.get("name").asString()).toList())
        .containsExactly(
            "echo",
            "progress",
            "fail",
            "thread",
            "inline-thread",
            "inline-echo",
            "inline-progress",
            "inline-ask",
            "block",
            "ask",
            "gate",
            "poll");
    assertThat(tools.get(0).at("/inputSchema/properties/message/type").asString())
        .isEqualTo("string");
    assertThat(tools.get(0).get("description").asString()).isEqualTo("Echoes the message.");
  }

  @Test
  void toolsCallAnswersWithOneJsonBody() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(client.request(sessionId), call(3, "echo", "{\"message\":\"hi there\"}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonNode result = json(response).get("result");
    assertThat(result.at("/content/0/type").asString()).isEqualTo("text");
    assertThat(result.at("/content/0/text").asString()).isEqualTo("hi there");
    assertThat(result.has("isError")).isFalse();
  }

  @Test
  void aFailingToolIsAnErrorResultWithoutStackTrace() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response = client.post(client.request(sessionId), call(4, "fail", "{}"));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode result = json(response).get("result");
    assertThat(result.get("isError").asBoolean()).isTrue();
    assertThat(result.at("/content/0/text").asString()).isEqualTo("boom");
    assertThat(response.body()).doesNotContain("at dev.mcpkit", "Exception");
  }

  @Test
  void anUnknownToolIsInvalidParams() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response = client.post(client.request(sessionId), call(5, "nope", "{}"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(json(response).get("id").asInt()).isEqualTo(5);
  }

  @Test
  void anUnknownMethodIsMethodNotFound() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(
            client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"nope/nope\"}");

    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32601);
  }

  @Test
  void progressSwitchesTheAnswerToSseWithTheResponseLast() {
    String sessionId = client.handshake("2025-11-25");
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"progress\","
            + "\"arguments\":{},\"_meta\":{\"progressToken\":\"tok-1\"}}}";

    HttpResponse<String> response = client.post(client.request(sessionId), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    List<JsonNode> events = McpTestClient.events(response.body());
    assertThat(events).hasSize(5);
    for (int i = 0; i < 3; i++) {
      JsonNode progress = events.get(i);
      assertThat(progress.get("method").asString()).isEqualTo("notifications/progress");
      assertThat(progress.at("/params/progressToken").asString()).isEqualTo("tok-1");
      assertThat(progress.at("/params/progress").asDouble()).isEqualTo(i + 1.0);
      assertThat(progress.at("/params/total").asDouble()).isEqualTo(3.0);
      assertThat(progress.at("/params/message").asString()).isEqualTo("step " + (i + 1));
    }
    assertThat(events.get(3).get("method").asString()).isEqualTo("notifications/message");
    assertThat(events.get(3).at("/params/level").asString()).isEqualTo("info");
    assertThat(events.get(4).get("id").asInt()).isEqualTo(8);
    assertThat(events.get(4).at("/result/content/0/text").asString()).isEqualTo("done");
  }

  @Test
  void progressWithoutATokenStaysJsonAndLogLevelFilters() {
    String sessionId = client.handshake("2025-11-25");
    HttpResponse<String> setLevel =
        client.post(
            client.request(sessionId),
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
    assertThat(json(setLevel).has("result")).isTrue();

    HttpResponse<String> response =
        client.post(client.request(sessionId), call(10, "progress", "{}"));

    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(json(response).at("/result/content/0/text").asString()).isEqualTo("done");
  }

  @Test
  void toolHandlersRunOnVirtualThreads() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> response =
        client.post(client.request(sessionId), call(11, "thread", "{}"));

    assertThat(json(response).at("/result/content/0/text").asString()).isEqualTo("virtual");
  }

  @Test
  void cancelledNotificationInterruptsTheHandlerAndSuppressesTheResponse() throws Exception {
    String sessionId = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(
            client
                .request(sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(call(12, "block", "{}")))
                .build());
    assertThat(server.blockingCallStarted.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> cancel =
        client.post(
            client.request(sessionId),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":12,\"reason\":\"test\"}}");

    assertThat(cancel.statusCode()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.blockingCallInterrupted.getCount() == 0);
    assertThat(server.cancelledFlagSeen).isTrue();
    HttpResponse<String> answer = pending.get(10, TimeUnit.SECONDS);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(McpTestClient.events(answer.body())).isEmpty();
  }

  @Test
  void batchesWorkOnlyIn20250326() {
    String old = client.handshake("2025-03-26");
    String batch =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
            + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}},"
            + call(2, "echo", "{\"message\":\"b\"}")
            + "]";

    HttpResponse<String> accepted =
        client.post(client.request(old).setHeader("MCP-Protocol-Version", "2025-03-26"), batch);

    assertThat(accepted.statusCode()).isEqualTo(200);
    JsonNode answers = json(accepted);
    assertThat(answers.isArray()).isTrue();
    assertThat(answers.size()).isEqualTo(2);
    assertThat(answers.get(1).at("/result/content/0/text").asString()).isEqualTo("b");

    String current = client.handshake("2025-11-25");
    HttpResponse<String> refused = client.post(client.request(current), batch);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).at("/error/code").asInt()).isEqualTo(-32600);
  }

  @Test
  void deleteEndsTheSessionAndLaterRequestsGet404() {
    String sessionId = client.handshake("2025-11-25");

    HttpResponse<String> deleted = client.send(client.request(sessionId).DELETE().build());

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(server.sessions.lookup(SessionId.of(sessionId))).isNull();
    HttpResponse<String> after =
        client.post(
            client.request(sessionId), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
    assertThat(after.statusCode()).isEqualTo(404);
    assertThat(json(after).at("/error/code").asInt()).isEqualTo(-32600);
    assertThat(client.send(client.request(sessionId).DELETE().build()).statusCode()).isEqualTo(404);
  }

  @Test
  void aToolAsksTheClientOverTheCallsStreamAndGetsThePostedAnswer() throws Exception {
    HttpResponse<String> init =
        client.post(
            client.request(),
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"sampling\":{}}}}");
    String sessionId = init.headers().firstValue("Mcp-Session-Id").orElseThrow();

    HttpResponse<Stream<String>> stream =
        client
            .sendAsync(
                client
                    .request(sessionId)
                    .POST(HttpRequest.BodyPublishers.ofString(call(13, "ask", "{}")))
                    .build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(10, TimeUnit.SECONDS);
    assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    Iterator<JsonNode> events =
        stream
            .body()
            .filter(
                line ->
                    line.startsWith("data:")
                        && !line.substring(5).isBlank()) // skip the priming event
            .map(line -> TestServer.JSON.readTree(line.substring(5).strip()))
            .iterator();

    JsonNode request = events.next();
    assertThat(request.get("method").asString()).isEqualTo("sampling/createMessage");
    String answer =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + request.get("id")
            + ",\"result\":{\"role\":\"assistant\","
            + "\"content\":{\"type\":\"text\",\"text\":\"42\"},\"model\":\"test\"}}";
    assertThat(client.post(client.request(sessionId), answer).statusCode()).isEqualTo(202);

    JsonNode response = events.next();
    assertThat(response.get("id").asInt()).isEqualTo(13);
    assertThat(response.at("/result/content/0/text").asString()).isEqualTo("the model said 42");
    assertThat(events.hasNext()).isFalse();
  }
}
