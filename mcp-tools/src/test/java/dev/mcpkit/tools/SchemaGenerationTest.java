package dev.mcpkit.tools;

import static dev.mcpkit.tools.TypedServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.server.McpServerConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The schemas generated for a range of Java types, as a real client reads them from {@code
 * tools/list} over HTTP, compared with the expected JSON.
 */
class SchemaGenerationTest {
  private static TypedServer server;
  private static final Map<String, JsonNode> TOOLS = new HashMap<>();

  @BeforeAll
  static void start() {
    server =
        new TypedServer(
            McpServerConfig.builder()
                .serverInfo("schemas", "1.0.0")
                .tools(new SchemaSamples())
                .build());
    for (JsonNode tool : server.request("tools/list", null).path("tools")) {
      TOOLS.put(tool.path("name").asString(), tool);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void recordParameterGivesItsComponentsAsArguments() {
    assertThat(TOOLS.get("everything").path("inputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {
                    "big": {"type": "integer"},
                    "count": {"type": "integer"},
                    "days": {"type": "integer", "description": "How many days ahead", "examples": [3, 7]},
                    "flag": {"type": "boolean"},
                    "home": {"$ref": "#/$defs/Place"},
                    "limit": {"type": ["integer", "null"]},
                    "nickname": {"type": ["string", "null"]},
                    "ratio": {"type": "number"},
                    "scores": {"type": "object", "additionalProperties": {"type": "integer"}},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "text": {"type": "string"},
                    "unit": {"type": "string", "enum": ["CELSIUS", "FAHRENHEIT"]},
                    "visited": {"type": "array", "items": {"$ref": "#/$defs/Place"}}
                  },
                  "required": ["big", "count", "days", "flag", "home", "ratio", "scores", "tags",
                               "text", "unit", "visited"],
                  "additionalProperties": false,
                  "$defs": {
                    "Place": {
                      "type": "object",
                      "properties": {
                        "city": {"type": "string", "description": "City name"},
                        "country": {"type": ["string", "null"]}
                      },
                      "required": ["city"],
                      "additionalProperties": false
                    }
                  }
                }
                """));
  }

  @Test
  void parametersByNameWithDescriptionsExamplesAndNullness() {
    assertThat(TOOLS.get("weather").path("inputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {
                    "city": {"type": "string", "description": "City name", "examples": ["Paris"]},
                    "unit": {"type": "string", "enum": ["CELSIUS", "FAHRENHEIT"]},
                    "days": {"type": "integer"}
                  },
                  "required": ["city"],
                  "additionalProperties": false
                }
                """));
  }

  @Test
  void recordReturnTypeGivesTheOutputSchema() {
    assertThat(TOOLS.get("weather").path("outputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {
                    "city": {"type": "string"},
                    "temperature": {"type": "number"},
                    "unit": {"type": "string", "enum": ["CELSIUS", "FAHRENHEIT"]}
                  },
                  "required": ["city", "temperature", "unit"],
                  "additionalProperties": false
                }
                """));
  }

  @Test
  void nonObjectReturnTypeIsWrappedAsResult() {
    JsonNode tool = TOOLS.get("list_cities");
    assertThat(tool.path("outputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {"result": {"type": "array", "items": {"type": "string"}}},
                  "required": ["result"],
                  "additionalProperties": false
                }
                """));
    // One record parameter: its components are the arguments.
    assertThat(tool.path("inputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "country": {"type": ["string", "null"]}
                  },
                  "required": ["city"],
                  "additionalProperties": false
                }
                """));
  }

  @Test
  void stringReturnTypeDeclaresNoOutputSchema() {
    assertThat(TOOLS.get("hello").has("outputSchema")).isFalse();
    assertThat(TOOLS.get("hello").path("inputSchema"))
        .isEqualTo(
            json(
                """
                {
                  "type": "object",
                  "properties": {"name": {"type": "string"}},
                  "required": ["name"],
                  "additionalProperties": false
                }
                """));
  }
}
