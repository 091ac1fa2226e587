package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import dev.mcpkit.codec.McpParamHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plain-subset shortcut never says "valid" where the full validator would not, takes the common
 * shapes, and leaves every schema beyond its subset to the validator.
 */
class PlainSchemaTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          Dialect.builder(Dialects.getDraft202012())
              .keyword(new AnnotationKeyword(McpParamHeaders.KEYWORD))
              .build());

  private static final List<String> PLAIN_SCHEMAS =
      List.of(
          "{}",
          "{\"type\":\"object\"}",
          "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
              + "\"required\":[\"message\"]}",
          "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"type\":\"object\","
              + "\"title\":\"T\",\"description\":\"D\",\"properties\":{"
              + "\"n\":{\"type\":\"number\",\"default\":1},"
              + "\"i\":{\"type\":\"integer\",\"examples\":[1]},"
              + "\"b\":{\"type\":\"boolean\",\"$comment\":\"c\"},"
              + "\"z\":{\"type\":\"null\"},"
              + "\"a\":{\"type\":\"array\"},"
              + "\"r\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},"
              + "\"o\":{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\"}},"
              + "\"required\":[\"s\"],\"additionalProperties\":false}},"
              + "\"required\":[\"n\",\"i\"],\"additionalProperties\":false}",
          "{\"type\":\"object\",\"additionalProperties\":true,\"properties\":{\"x\":{}}}");

  private static final List<String> INSTANCES =
      List.of(
          "{}",
          "{\"message\":\"hello\"}",
          "{\"message\":1}",
          "{\"message\":null}",
          "{\"other\":\"x\"}",
          "{\"n\":1.5,\"i\":2}",
          "{\"n\":1,\"i\":2.0}",
          "{\"n\":1,\"i\":1.5}",
          "{\"n\":\"1\",\"i\":2}",
          "{\"n\":1,\"i\":2,\"b\":true,\"z\":null,\"a\":[1,\"x\"],\"r\":\"eu\"}",
          "{\"n\":1,\"i\":2,\"b\":\"true\"}",
          "{\"n\":1,\"i\":2,\"o\":{\"s\":\"x\"}}",
          "{\"n\":1,\"i\":2,\"o\":{\"s\":\"x\",\"t\":1}}",
          "{\"n\":1,\"i\":2,\"o\":{}}",
          "{\"n\":1,\"i\":2,\"extra\":true}",
          "{\"n\":1,\"i\":12345678901234567890123}",
          "{\"x\":[1,{\"y\":2}]}",
          "[]",
          "\"text\"",
          "3");

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  @Test
  void acceptsOnlyWhatTheValidatorAccepts() {
    int shortcuts = 0;
    for (String schemaText : PLAIN_SCHEMAS) {
      JsonNode schemaNode = json(schemaText);
      PlainSchema plain = PlainSchema.compile(schemaNode);
      assertThat(plain).as("compiled: %s", schemaText).isNotNull();
      Schema full = REGISTRY.getSchema(schemaNode);
      for (String instanceText : INSTANCES) {
        JsonNode instance = json(instanceText);
        boolean valid = full.validate(instance).isEmpty();
        // A "no" of the shortcut only means "ask the validator" (2.0 for an integer, say).
        if (plain.accepts(instance)) {
          shortcuts++;
          assertThat(valid).as("%s against %s", instanceText, schemaText).isTrue();
        }
      }
    }
    assertThat(shortcuts).isGreaterThan(20);
  }

  @Test
  void theEchoToolsArgumentsTakeTheShortcut() {
    PlainSchema echo =
        PlainSchema.compile(
            json(
                "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
                    + "\"required\":[\"message\"]}"));

    assertThat(echo).isNotNull();
    assertThat(echo.accepts(json("{\"message\":\"hello\"}"))).isTrue();
    assertThat(echo.accepts(json("{}"))).isFalse();
  }

  @Test
  void schemasBeyondTheSubsetAreLeftToTheValidator() {
    for (String schema :
        List.of(
            "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"minLength\":2}}}",
            "{\"type\":\"object\",\"properties\":{\"s\":{\"type\":\"string\",\"format\":\"email\"}}}",
            "{\"type\":[\"string\",\"null\"]}",
            "{\"type\":\"object\",\"properties\":{\"e\":{\"enum\":[\"a\"]}}}",
            "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}",
            "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
            "{\"$ref\":\"#/$defs/x\",\"$defs\":{\"x\":{\"type\":\"object\"}}}",
            "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\"}",
            "{\"type\":\"object\",\"properties\":{\"p\":true}}",
            "{\"type\":\"object\",\"properties\":{\"p\":{\"readOnly\":true}}}",
            "{\"type\":\"object\",\"oneOf\":[{}]}",
            "{\"type\":\"object\",\"properties\":{\"p\":{\"$schema\":"
                + "\"https://json-schema.org/draft/2020-12/schema\"}}}")) {
      assertThat(PlainSchema.compile(json(schema))).as(schema).isNull();
    }
  }
}
