package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.events;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Resources, prompts and completion over real HTTP on loopback, through the whole stack, over each
 * {@link Transport}.
 */
class ResourcesPromptsHttpTest extends OverEveryTransport {

  private HttpResponse<String> post(String sessionId, int id, String method, String params) {
    return client.post(
        client.request(sessionId),
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + id
            + ",\"method\":\""
            + method
            + "\",\"params\":"
            + params
            + "}");
  }

  @Test
  void initializeDeclaresResourcesPromptsAndCompletions() {
    JsonNode capabilities =
        json(client.post(client.request(), McpTestClient.initialize(1, "2025-11-25")))
            .at("/result/capabilities");

    assertThat(capabilities.at("/resources/subscribe").asBoolean()).isTrue();
    assertThat(capabilities.at("/resources/listChanged").asBoolean()).isTrue();
    assertThat(capabilities.at("/prompts/listChanged").asBoolean()).isTrue();
    assertThat(capabilities.get("completions").isObject()).isTrue();
    assertThat(capabilities.get("logging").isObject()).isTrue();
  }

  @Test
  void resourcesReadOfATemplateAnswersJson() {
    String session = client.handshake("2025-11-25");

    HttpResponse<String> response =
        post(session, 2, "resources/read", "{\"uri\":\"test://items/42\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(json(response).at("/result/contents/0").toString())
        .isEqualTo(
            "{\"uri\":\"test://items/42\",\"mimeType\":\"application/json\",\"text\":\"{\\\"id\\\":\\\"42\\\"}\"}");
  }

  @Test
  void resourcesReadThatLogsStreamsTheLogBeforeTheResult() {
    String session = client.handshake("2025-11-25");

    HttpResponse<String> response =
        post(session, 3, "resources/read", "{\"uri\":\"test://notes\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/event-stream");
    List<JsonNode> events = events(response.body());
    assertThat(events).hasSize(2);
    assertThat(events.get(0).get("method").asString()).isEqualTo("notifications/message");
    assertThat(events.get(0).at("/params/data").asString()).isEqualTo("reading notes");
    assertThat(events.get(1).at("/result/contents/0/text").asString())
        .isEqualTo("remember the milk");
  }

  @Test
  void anUnknownResourceIsAJsonRpcErrorWithTheUri() {
    String session = client.handshake("2025-11-25");

    HttpResponse<String> response =
        post(session, 4, "resources/read", "{\"uri\":\"test://nowhere\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asInt()).isEqualTo(-32002);
    assertThat(error.at("/data/uri").asString()).isEqualTo("test://nowhere");
  }

  @Test
  void promptsGetRendersTheArgumentsAndAnEmbeddedResource() {
    String session = client.handshake("2025-11-25");

    HttpResponse<String> response =
        post(
            session,
            5,
            "prompts/get",
            "{\"name\":\"review\",\"arguments\":{\"file\":\"Main.java\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode messages = json(response).at("/result/messages");
    assertThat(messages.at("/0/content/text").asString()).isEqualTo("Please review Main.java:");
    assertThat(messages.at("/1/content/type").asString()).isEqualTo("resource");
    assertThat(messages.at("/1/content/resource/uri").asString()).isEqualTo("file:///Main.java");
  }

  @Test
  void promptsGetWithoutTheRequiredArgumentIsInvalidParams() {
    String session = client.handshake("2025-06-18");

    HttpResponse<String> response = post(session, 6, "prompts/get", "{\"name\":\"review\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/error/code").asInt()).isEqualTo(-32602);
  }

  @Test
  void completionCompletesThePromptArgument() {
    String session = client.handshake("2025-11-25");

    HttpResponse<String> response =
        post(
            session,
            7,
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"},\"argument\":{\"name\":\"file\",\"value\":\"Ma\"}}");

    assertThat(json(response).at("/result/completion").toString())
        .isEqualTo("{\"values\":[\"Main.java\",\"Makefile\"],\"total\":2,\"hasMore\":false}");
  }
}
