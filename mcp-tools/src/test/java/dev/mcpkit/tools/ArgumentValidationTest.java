package dev.mcpkit.tools;

import static dev.mcpkit.tools.TypedServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad arguments of every kind, sent by a real client over HTTP to a raw {@code Tool.of} tool and to
 * a typed one, answer {@code isError} with a message naming the field and the rule, and the handler
 * never runs.
 */
class ArgumentValidationTest {
  private static final AtomicInteger RAW_CALLS = new AtomicInteger();
  private static TypedServer server;

  @BeforeAll
  static void start() {
    Tool raw =
        Tool.of(
            "raw",
            "A hand-written schema.",
            json(
                """
                {
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "count": {"type": "integer", "minimum": 1},
                    "unit": {"enum": ["c", "f"]},
                    "place": {
                      "type": "object",
                      "properties": {"city": {"type": "string"}},
                      "required": ["city"]
                    }
                  },
                  "required": ["name"],
                  "additionalProperties": false
                }
                """),
            (arguments, ctx) -> {
              RAW_CALLS.incrementAndGet();
              return ToolResult.text("ok " + arguments.path("name").asString());
            });
    server =
        new TypedServer(
            McpServerConfig.builder()
                .serverInfo("validation", "1.0.0")
                .tool(raw)
                .tools(new SchemaSamples())
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void reset() {
    RAW_CALLS.set(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing required    | {}                                        | name | required
          wrong type          | {"name": 42}                              | name | type
          out of enum         | {"name": "a", "unit": "kelvin"}           | unit | enum
          extra property      | {"name": "a", "colour": "red"}            | colour | additionalProperties
          below minimum       | {"name": "a", "count": 0}                 | count | minimum
          malformed nested    | {"name": "a", "place": {"town": "Lyon"}}  | place.city | required
          nested wrong type   | {"name": "a", "place": {"city": 7}}       | place.city | type
          """)
  void rawToolRejectsBadArguments(String kind, String arguments, String field, String rule) {
    CallToolResult result = server.client().callTool("raw", json(arguments));

    assertThat(result.isError()).as(kind).isTrue();
    assertThat(result.text())
        .startsWith("invalid arguments for tool 'raw':")
        .contains("\n- " + field + ": ")
        .contains("(" + rule + ")");
    assertThat(RAW_CALLS).as("the handler did not run").hasValue(0);
  }

  @Test
  void rawToolRunsWithValidArguments() {
    CallToolResult result =
        server
            .client()
            .callTool(
                "raw",
                json("{\"name\": \"Ada\", \"unit\": \"c\", \"place\": {\"city\": \"Lyon\"}}"));

    assertThat(result.isError()).isFalse();
    assertThat(result.text()).isEqualTo("ok Ada");
    assertThat(RAW_CALLS).hasValue(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          missing required    | {}                                     | city | required
          wrong type          | {"city": ["Paris"]}                    | city | type
          out of enum         | {"city": "Paris", "unit": "KELVIN"}    | unit | enum
          extra property      | {"city": "Paris", "when": "now"}       | when   | additionalProperties
          optional wrong type | {"city": "Paris", "days": "three"}     | days | type
          """)
  void typedToolRejectsBadArguments(String kind, String arguments, String field, String rule) {
    CallToolResult result = server.client().callTool("weather", json(arguments));

    assertThat(result.isError()).as(kind).isTrue();
    assertThat(result.text())
        .startsWith("invalid arguments for tool 'weather':")
        .contains("\n- " + field + ": ")
        .contains("(" + rule + ")");
    assertThat(result.structuredContent()).isNull();
  }

  @Test
  void malformedNestedRecordOfATypedToolNamesThePath() {
    CallToolResult result =
        server
            .client()
            .callTool(
                "everything",
                json(
                    """
                    {"text": "t", "count": 1, "big": 2, "ratio": 0.5, "flag": true, "unit": "CELSIUS",
                     "tags": [], "scores": {"a": "x"}, "home": {"country": "FR"},
                     "visited": [{"city": 3}], "days": 3}
                    """));

    assertThat(result.isError()).isTrue();
    assertThat(result.text())
        .contains("- home.city: required property 'city' not found (required)")
        .contains("- visited[0].city: integer found, string expected (type)")
        .contains("- scores.a: string found, integer expected (type)");
  }
}
