package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The compiled input schema of a tool: what it accepts, and how it names what it refuses. */
class ArgumentSchemaTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static ArgumentSchema compile(String schema) {
    return ArgumentSchema.compile(
        Tool.of("t", "A tool.", JSON.readTree(schema), (arguments, ctx) -> ToolResult.text("")));
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void theHeaderKeywordOfRevision2026IsKnownNotWarnedAbout() {
    // slf4j-simple (the tests' logger) writes to whatever System.err is at the time.
    PrintStream original = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ArgumentSchema schema;
    try {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      schema =
          compile(
              """
              {"type": "object",
               "properties": {"region": {"type": "string", "x-mcp-header": "Region"}}}""");
    } finally {
      System.setErr(original);
    }

    assertThat(logged.toString(StandardCharsets.UTF_8)).doesNotContain("x-mcp-header");
    assertThat(schema.violations(json("{\"region\":\"eu\"}"))).isNull();
    assertThat(schema.violations(json("{\"region\":1}"))).contains("region");
  }

  @Test
  void validArgumentsPass() {
    ArgumentSchema schema =
        compile("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}");

    assertThat(schema.violations(json("{\"a\":1}"))).isNull();
    assertThat(schema.violations(json("{}"))).isNull();
  }

  @Test
  void fieldsAreNamedAsAModelWritesThem() {
    ArgumentSchema schema =
        compile(
            """
            {"type": "object",
             "properties": {"items": {"type": "array",
                                      "items": {"type": "object", "required": ["id"],
                                                "properties": {"id": {"type": "string"}}}}},
             "required": ["items"]}""");

    assertThat(schema.violations(json("{\"items\":[{\"id\":\"x\"},{}]}")))
        .isEqualTo(
            "invalid arguments for tool 't':\n"
                + "- items[1].id: required property 'id' not found (required)");
    assertThat(schema.violations(json("[]")))
        .isEqualTo(
            "invalid arguments for tool 't':\n- arguments: array found, object expected (type)");
  }

  @Test
  void refsDefsAndConditionalsOfHandWrittenSchemasApply() {
    ArgumentSchema schema =
        compile(
            """
            {"$defs": {"contact": {"type": "string", "minLength": 3}},
             "type": "object",
             "properties": {"method": {"enum": ["phone", "email"]},
                            "phone": {"$ref": "#/$defs/contact"}},
             "if": {"properties": {"method": {"const": "phone"}}, "required": ["method"]},
             "then": {"required": ["phone"]}}""");

    assertThat(schema.violations(json("{\"method\":\"phone\"}"))).contains("- phone: ");
    assertThat(schema.violations(json("{\"method\":\"phone\",\"phone\":\"12\"}")))
        .contains("- phone: ")
        .contains("(minLength)");
    assertThat(schema.violations(json("{\"method\":\"email\"}"))).isNull();
  }

  @Test
  void atMostFiveErrorsAreReported() {
    ArgumentSchema schema =
        compile(
            """
            {"type": "object", "required": ["a", "b", "c", "d", "e", "f", "g"]}""");

    String message = schema.violations(json("{}"));

    assertThat(message.lines().filter(line -> line.startsWith("- ")).count()).isEqualTo(6);
    assertThat(message).endsWith("- and 2 more");
  }
}
