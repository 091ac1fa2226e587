package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.ClientErrorException;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tools against {@code interop/EVERYTHING-SERVER.md} section 3, called directly with a
 * recording context (the conformance test proves them over HTTP).
 */
class EverythingToolsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Map<String, Tool> tools =
      EverythingTools.all().stream().collect(Collectors.toMap(Tool::name, Function.identity()));

  /** Records what a handler sends; answers client requests with a canned result. */
  private static final class RecordingContext implements ToolContext {
    final List<String> sent = new ArrayList<>();
    final List<JsonNode> requests = new ArrayList<>();
    private final @Nullable JsonNode answer;

    RecordingContext(@Nullable String answer) {
      this.answer = answer == null ? null : JSON.readTree(answer);
    }

    @Override
    public @Nullable Session session() {
      return null;
    }

    @Override
    public RequestId requestId() {
      return RequestId.of(7);
    }

    @Override
    public void progress(double progress, double total, @Nullable String message) {
      sent.add("progress " + (int) progress + "/" + total + " " + message);
    }

    @Override
    public void progress(double progress, @Nullable String message) {
      sent.add("progress " + (int) progress + "/null " + message);
    }

    @Override
    public boolean wantsProgress() {
      return true;
    }

    @Override
    public void log(LogLevel level, String message) {
      sent.add(level + " " + message);
    }

    @Override
    public JsonNode request(String method, @Nullable JsonNode params, Duration timeout) {
      requests.add(JSON.createObjectNode().put("method", method).set("params", params));
      if (answer == null) {
        throw new ClientErrorException(
            method, new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "no", null));
      }
      return answer;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void closeStream() {
      sent.add("closeStream");
    }
  }

  private ToolResult call(String name, String arguments, RecordingContext ctx) throws Exception {
    return tools.get(name).handler().call(JSON.readTree(arguments), ctx);
  }

  @Test
  void everyToolTheSuiteCallsIsThereWithADescriptionAndAnObjectSchema() {
    assertThat(tools)
        .containsKeys(
            "test_simple_text",
            "test_image_content",
            "test_audio_content",
            "test_embedded_resource",
            "test_multiple_content_types",
            "test_tool_with_logging",
            "test_tool_with_progress",
            "test_error_handling",
            "test_reconnection",
            "test_sampling",
            "test_elicitation",
            "test_elicitation_sep1034_defaults",
            "test_elicitation_sep1330_enums",
            "json_schema_2020_12_tool");
    tools
        .values()
        .forEach(
            tool -> {
              assertThat(tool.description()).as(tool.name()).isNotBlank();
              assertThat(tool.inputSchema().path("type").asString())
                  .as(tool.name())
                  .isEqualTo("object");
            });
  }

  @Test
  void theJsonSchema2020ToolKeepsItsSchemaVerbatim() {
    JsonNode schema = tools.get("json_schema_2020_12_tool").inputSchema();
    assertThat(schema.path("$schema").asString())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.at("/$defs/address/type").asString()).isEqualTo("object");
    assertThat(schema.at("/properties/address/$ref").asString()).isEqualTo("#/$defs/address");
    assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
    assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
  }

  @Test
  void contentToolsAnswerTheSuitesShapes() throws Exception {
    RecordingContext ctx = new RecordingContext(null);
    assertThat(call("test_audio_content", "{}", ctx).content())
        .containsExactly(new Content.Audio(TestMedia.WAV_BASE64, "audio/wav"));
    assertThat(call("test_multiple_content_types", "{}", ctx).content())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Text", "Image", "EmbeddedResource");
    ToolResult error = call("test_error_handling", "{}", ctx);
    assertThat(error.isError()).isTrue();
    assertThat(error.content())
        .containsExactly(new Content.Text("This tool intentionally returns an error for testing"));
  }

  @Test
  void loggingAndProgressSendThreeMessagesBeforeTheResult() throws Exception {
    RecordingContext ctx = new RecordingContext(null);
    call("test_tool_with_logging", "{}", ctx);
    call("test_tool_with_progress", "{}", ctx);
    assertThat(ctx.sent)
        .containsExactly(
            "INFO Tool execution started",
            "INFO Tool processing data",
            "INFO Tool execution completed",
            "progress 0/100.0 Completed step 0 of 100",
            "progress 50/100.0 Completed step 50 of 100",
            "progress 100/100.0 Completed step 100 of 100");
  }

  @Test
  void samplingSendsThePromptAndQuotesTheReply() throws Exception {
    RecordingContext ctx =
        new RecordingContext(
            "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hi\"},\"model\":\"m\"}");
    ToolResult result = call("test_sampling", "{\"prompt\":\"Test prompt for sampling\"}", ctx);
    assertThat(result.content()).containsExactly(new Content.Text("LLM response: hi"));
    assertThat(ctx.requests.getFirst())
        .isEqualTo(
            JSON.readTree(
                """
        {"method":"sampling/createMessage","params":{"messages":[{"role":"user",
         "content":{"type":"text","text":"Test prompt for sampling"}}],"maxTokens":100}}"""));
  }

  @Test
  void elicitationReportsActionAndContentAndAClientErrorIsAToolError() throws Exception {
    RecordingContext ctx = new RecordingContext("{\"action\":\"accept\",\"content\":{\"age\":25}}");
    ToolResult result = call("test_elicitation_sep1034_defaults", "{}", ctx);
    assertThat(result.content())
        .containsExactly(
            new Content.Text("Elicitation completed: action=accept, content={\"age\":25}"));
    JsonNode schema = ctx.requests.getFirst().at("/params/requestedSchema/properties");
    assertThat(schema.at("/age/default").isInt()).isTrue();
    assertThat(schema.at("/score/default").asDouble()).isEqualTo(95.5);

    assertThat(
            call("test_elicitation", "{\"message\":\"m\"}", new RecordingContext(null)).isError())
        .isTrue();
  }

  @Test
  void reconnectionClosesItsStreamFirst() throws Exception {
    RecordingContext ctx = new RecordingContext(null);
    ToolResult result = call("test_reconnection", "{}", ctx);
    assertThat(ctx.sent).containsExactly("closeStream");
    assertThat(((Content.Text) result.content().getFirst()).text())
        .startsWith("Reconnection test completed");
  }

  @Test
  void addNumbersPrintsNumbersLikeTheClientWroteThem() throws Exception {
    RecordingContext ctx = new RecordingContext(null);
    assertThat(call("add_numbers", "{\"a\":2,\"b\":3}", ctx).content())
        .containsExactly(new Content.Text("The sum of 2 and 3 is 5"));
    assertThat(call("add_numbers", "{\"a\":0.5,\"b\":1}", ctx).content())
        .containsExactly(new Content.Text("The sum of 0.5 and 1 is 1.5"));
    assertThat(call("add_numbers", "{\"a\":\"x\"}", ctx).isError()).isTrue();
  }
}
