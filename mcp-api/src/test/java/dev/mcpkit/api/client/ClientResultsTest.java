package dev.mcpkit.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code from(JsonNode)} factories of the client's result records read what a server may leave
 * out or send with the wrong type as absent, never failing, and keep the raw JSON.
 */
class ClientResultsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void sparseOrMistypedMembersReadAsAbsent() {
    ResourceInfo resource =
        ResourceInfo.from(json("{\"uri\":\"a://b\",\"name\":\"b\",\"title\":7}"));
    assertThat(resource.title()).isNull();
    assertThat(resource.description()).isNull();
    assertThat(resource.mimeType()).isNull();
    assertThat(resource.raw().path("title").asInt()).isEqualTo(7);

    PromptInfo prompt = PromptInfo.from(json("{\"name\":\"p\",\"arguments\":[{\"name\":\"x\"}]}"));
    assertThat(prompt.arguments()).containsExactly(new PromptInfo.Argument("x", null, false));

    ReadResourceResult empty = ReadResourceResult.from(json("{}"));
    assertThat(empty.contents()).isEmpty();
    assertThat(empty.text()).isEmpty();

    GetPromptResult image =
        GetPromptResult.from(
            json(
                "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"image\",\"data\":\"AA==\",\"mimeType\":\"image/png\"}}]}"));
    assertThat(image.description()).isNull();
    assertThat(image.messages().get(0).text()).isEmpty();
    assertThat(image.messages().get(0).content().path("mimeType").asString())
        .isEqualTo("image/png");
  }

  @Test
  void readResourceTextJoinsTheTextContentsAndSkipsBlobs() {
    ReadResourceResult result =
        ReadResourceResult.from(
            json(
                "{\"contents\":[{\"uri\":\"a://1\",\"text\":\"one\"},"
                    + "{\"uri\":\"a://2\",\"blob\":\"AQI=\"},{\"uri\":\"a://3\",\"text\":\"three\"}]}"));
    assertThat(result.text()).isEqualTo("one\nthree");
    assertThat(result.contents().get(1).bytes()).hasValue(new byte[] {1, 2});
  }
}
