package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks of the conformance suite's resources, prompts and completion scenarios, as {@code
 * interop/EVERYTHING-SERVER.md} describes them, run against the catalog in a real engine.
 */
class EverythingCatalogTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SessionManager sessions = SessionManagers.builder().build();
  private final TransportEngine engine =
      TransportEngine.of(
          McpEngines.create(
              EverythingCatalog.addResourcesAndPrompts(
                      McpServerConfig.builder().serverInfo("everything", "1"))
                  .build(),
              sessions));
  private final String session = handshake();

  @AfterEach
  void close() {
    sessions.close();
  }

  private String handshake() {
    ObjectNode params = JSON.createObjectNode().put("protocolVersion", "2025-11-25");
    Outcome.Answered answered =
        (Outcome.Answered)
            engine.post(
                new IncomingMessages(
                    List.of(new JsonRpcRequest(RequestId.of(0), "initialize", params)),
                    false,
                    null,
                    null,
                    null),
                message -> {});
    String id = answered.newSession().value();
    engine.post(
        new IncomingMessages(
            List.of(new JsonRpcNotification("notifications/initialized", null)),
            false,
            id,
            "2025-11-25",
            null),
        message -> {});
    return id;
  }

  private JsonNode result(String method, String params) {
    Outcome outcome =
        engine.post(
            new IncomingMessages(
                List.of(new JsonRpcRequest(RequestId.of(1), method, JSON.readTree(params))),
                false,
                session,
                "2025-11-25",
                null),
            message -> {});
    JsonRpcMessage response = ((Outcome.Answered) outcome).responses().getFirst();
    assertThat(response).as("%s answered %s", method, response).isInstanceOf(JsonRpcResponse.class);
    return ((JsonRpcResponse) response).result();
  }

  @Test
  void resourcesListHasTheThreeResourcesWithUriNameAndDescription() {
    JsonNode resources = result("resources/list", "{}").get("resources");
    assertThat(resources).hasSize(3);
    for (JsonNode resource : resources) {
      assertThat(resource.get("uri").asString()).isNotEmpty();
      assertThat(resource.get("name").asString()).isNotEmpty();
      assertThat(resource.get("description").asString()).isNotEmpty();
    }
    assertThat(
            result("resources/templates/list", "{}")
                .at("/resourceTemplates/0/uriTemplate")
                .asString())
        .isEqualTo("test://template/{id}/data");
  }

  @Test
  void resourcesReadTextBinaryAndTemplate() {
    JsonNode text = result("resources/read", "{\"uri\":\"test://static-text\"}").at("/contents/0");
    assertThat(text.get("mimeType").asString()).isEqualTo("text/plain");
    assertThat(text.get("text").asString())
        .isEqualTo("This is the content of the static text resource.");

    JsonNode binary =
        result("resources/read", "{\"uri\":\"test://static-binary\"}").at("/contents/0");
    assertThat(binary.get("mimeType").asString()).isEqualTo("image/png");
    assertThat(binary.get("blob").asString()).isEqualTo(EverythingCatalog.PNG);

    JsonNode template =
        result("resources/read", "{\"uri\":\"test://template/123/data\"}").at("/contents/0");
    assertThat(template.get("uri").asString()).isEqualTo("test://template/123/data");
    assertThat(JSON.readTree(template.get("text").asString()))
        .isEqualTo(
            JSON.readTree("{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}"));
  }

  @Test
  void subscribeAndUnsubscribeAnswerEmptyObjects() {
    assertThat(result("resources/subscribe", "{\"uri\":\"" + EverythingCatalog.WATCHED + "\"}"))
        .isEmpty();
    assertThat(result("resources/unsubscribe", "{\"uri\":\"" + EverythingCatalog.WATCHED + "\"}"))
        .isEmpty();
  }

  @Test
  void promptsListAndGetPassTheScenarioChecks() {
    JsonNode prompts = result("prompts/list", "{}").get("prompts");
    assertThat(prompts).hasSize(4);
    for (JsonNode prompt : prompts) {
      assertThat(prompt.get("description").asString()).isNotEmpty();
    }
    assertThat(prompts.get(0).has("arguments")).isFalse();

    assertThat(
            result("prompts/get", "{\"name\":\"test_simple_prompt\"}")
                .at("/messages/0/content/text")
                .asString())
        .isEqualTo("This is a simple prompt for testing.");
    assertThat(
            result(
                    "prompts/get",
                    "{\"name\":\"test_prompt_with_arguments\",\"arguments\":{\"arg1\":\"testValue1\",\"arg2\":\"testValue2\"}}")
                .get("messages")
                .toString())
        .contains("testValue1", "testValue2");
    assertThat(
            result(
                    "prompts/get",
                    "{\"name\":\"test_prompt_with_embedded_resource\",\"arguments\":{\"resourceUri\":\"test://example-resource\"}}")
                .at("/messages/0/content/resource/uri")
                .asString())
        .isEqualTo("test://example-resource");
    JsonNode image =
        result("prompts/get", "{\"name\":\"test_prompt_with_image\"}").at("/messages/0/content");
    assertThat(image.get("type").asString()).isEqualTo("image");
    assertThat(image.get("mimeType").asString()).isEqualTo("image/png");
  }

  @Test
  void completionAnswersAValuesArray() {
    JsonNode completion =
        result(
                "completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"test\"}}")
            .get("completion");
    assertThat(completion.get("values").isArray()).isTrue();
    assertThat(completion.get("values")).isEmpty();
    assertThat(
            result(
                    "completion/complete",
                    "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"test_prompt_with_arguments\"},\"argument\":{\"name\":\"arg1\",\"value\":\"pa\"}}")
                .at("/completion/values"))
        .hasSize(3);
  }

  @Test
  void loggingSetLevelAnswersAnEmptyObject() {
    assertThat(result("logging/setLevel", "{\"level\":\"info\"}")).isEmpty();
  }
}
