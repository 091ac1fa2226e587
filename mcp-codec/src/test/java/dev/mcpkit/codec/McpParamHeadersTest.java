package dev.mcpkit.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

class McpParamHeadersTest {
  private static JsonNode json(String text) {
    return JsonRpcCodecs.mapper().readTree(text);
  }

  @Test
  void findsMirroredArgumentsThroughPropertiesOnlyInSchemaOrder() {
    JsonNode schema =
        json(
            """
            {"type": "object", "properties": {
               "region": {"type": "string", "x-mcp-header": "Region"},
               "empty": {"type": "string", "x-mcp-header": ""},
               "number": {"type": "string", "x-mcp-header": 7},
               "nested": {"type": "object", "x-mcp-header": "Outer",
                          "properties": {"n": {"type": "integer", "x-mcp-header": "N"}}},
               "list": {"type": "array", "items": {"type": "string", "x-mcp-header": "Ignored"}}}}""");

    assertThat(McpParamHeaders.of(schema))
        .containsExactly(
            new McpParamHeaders.Mirrored("Region", List.of("region")),
            new McpParamHeaders.Mirrored("Outer", List.of("nested")),
            new McpParamHeaders.Mirrored("N", List.of("nested", "n")));
    assertThat(McpParamHeaders.of(json("{\"type\":\"object\"}"))).isEmpty();
    assertThat(McpParamHeaders.of(MissingNode.getInstance())).isEmpty();
    assertThat(McpParamHeaders.of(json("{\"properties\":[1]}"))).isEmpty();
  }

  @Test
  void findsAnArgumentInTheCallThroughObjectsOnly() {
    McpParamHeaders.Mirrored nested = new McpParamHeaders.Mirrored("N", List.of("nested", "n"));

    assertThat(nested.headerName()).isEqualTo("Mcp-Param-N");
    assertThat(nested.valueIn(json("{\"nested\":{\"n\":5}}"))).isEqualTo(json("5"));
    assertThat(nested.valueIn(json("{\"nested\":{\"n\":null}}"))).isEqualTo(json("null"));
    assertThat(nested.valueIn(json("{\"nested\":[{\"n\":5}]}"))).isNull();
    assertThat(nested.valueIn(json("{\"nested\":\"n\"}"))).isNull();
    assertThat(nested.valueIn(json("{}"))).isNull();
    assertThat(nested.valueIn(null)).isNull();
  }

  @Test
  void aMirroredArgumentNeedsAHeaderNameAndAPath() {
    assertThatThrownBy(() -> new McpParamHeaders.Mirrored("", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header");
    assertThatThrownBy(() -> new McpParamHeaders.Mirrored("A", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("path");
  }

  @Test
  void aValidSchemaHasNoProblems() {
    assertThat(
            McpParamHeaders.problems(
                json(
                    """
                    {"type": "object", "properties": {
                       "a": {"type": "string", "x-mcp-header": "A-1"},
                       "b": {"type": "integer", "x-mcp-header": "b!#$%&'*+-.^_`|~"},
                       "c": {"type": "object", "properties": {
                              "d": {"type": "boolean", "x-mcp-header": "D"}}}}}""")))
        .isNull();
    assertThat(McpParamHeaders.problems(MissingNode.getInstance())).isNull();
  }

  @Test
  void reportsEveryBrokenRuleOfTheSchemaExtension() {
    assertThat(
            McpParamHeaders.problems(
                json(
                    """
                    {"type": "object", "properties": {
                       "space": {"type": "string", "x-mcp-header": "Has Space"},
                       "empty": {"type": "string", "x-mcp-header": ""},
                       "number": {"type": "number", "x-mcp-header": "Num"},
                       "first": {"type": "string", "x-mcp-header": "Twice"},
                       "again": {"type": "string", "x-mcp-header": "twice"},
                       "list": {"type": "array", "items": {"type": "string", "x-mcp-header": "Item"}},
                       "any": {"anyOf": [{"type": "string", "x-mcp-header": "Alt"}]}}}""")))
        .isEqualTo(
            "x-mcp-header 'Has Space' is not an HTTP token; "
                + "x-mcp-header '' is not an HTTP token; "
                + "x-mcp-header 'Num' is on a property of type 'number'; "
                + "x-mcp-header 'twice' is used twice; "
                + "x-mcp-header 'Item' is not reachable through properties alone; "
                + "x-mcp-header 'Alt' is not reachable through properties alone");
  }
}
