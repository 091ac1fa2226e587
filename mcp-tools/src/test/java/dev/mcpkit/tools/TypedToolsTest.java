package dev.mcpkit.tools;

import static dev.mcpkit.tools.TypedServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Typed tools, resources and prompts served by a real engine and Jetty server and called by a real
 * client: bound arguments, structured results, an injected context, exceptions as {@code isError},
 * URI template variables and prompt arguments bound to parameters, completions.
 */
class TypedToolsTest {
  private static TypedServer server;

  /** The arguments of the {@code echo} tool. */
  public record EchoArguments(String text, int times) {}

  /** Its result. */
  public record Echoed(String text, boolean progressRequested) {}

  @BeforeAll
  static void start() {
    server =
        new TypedServer(
            McpServerConfig.builder()
                .serverInfo("typed", "1.0.0")
                .tool(
                    Tool.typed(
                        "echo",
                        "Echoes its text.",
                        EchoArguments.class,
                        Echoed.class,
                        (arguments, ctx) ->
                            new Echoed(
                                arguments.text().repeat(arguments.times()), ctx.wantsProgress())))
                .tool(
                    Tool.typed(
                        "fail",
                        "Always fails.",
                        EchoArguments.class,
                        (arguments, ctx) -> {
                          throw new IllegalStateException("no echo for " + arguments.text());
                        }))
                .tools(new SchemaSamples(), new WeatherService())
                .resources(new WeatherService())
                .prompts(new WeatherService())
                .build());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void typedLambdaToolBindsItsRecordAndReturnsStructuredContent() {
    CallToolResult result = server.client().callTool("echo", json("{\"text\":\"ab\",\"times\":2}"));

    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent())
        .isEqualTo(json("{\"text\":\"abab\",\"progressRequested\":false}"));
    assertThat(json(result.text()))
        .as("the JSON text beside it")
        .isEqualTo(result.structuredContent());
  }

  @Test
  void anExceptionBecomesAnErrorResultWithItsMessageOnly() {
    CallToolResult result = server.client().callTool("fail", json("{\"text\":\"x\",\"times\":1}"));

    assertThat(result.isError()).isTrue();
    assertThat(result.text()).isEqualTo("no echo for x");
    assertThat(result.raw().toString()).doesNotContain("at dev.mcpkit").doesNotContain("Exception");
  }

  @Test
  void methodToolWithContextReturnsStructuredContent() {
    CallToolResult result =
        server.client().callTool("forecast", json("{\"city\":\"Paris\",\"unit\":\"FAHRENHEIT\"}"));

    assertThat(result.isError()).isFalse();
    assertThat(result.structuredContent())
        .isEqualTo(
            json(
                "{\"city\":\"Paris\",\"temperature\":71.6,\"unit\":\"FAHRENHEIT\",\"session\":true}"));
  }

  @Test
  void methodToolExceptionBecomesAnErrorResult() {
    CallToolResult result = server.client().callTool("forecast", json("{\"city\":\"Atlantis\"}"));

    assertThat(result.isError()).isTrue();
    assertThat(result.text()).isEqualTo("city not found: Atlantis");
  }

  @Test
  void listResultIsWrappedAndTextResultIsText() {
    CallToolResult list = server.client().callTool("list_cities", json("{\"city\":\"Paris\"}"));
    assertThat(list.structuredContent()).isEqualTo(json("{\"result\":[\"Paris\",\"Lyon\"]}"));

    CallToolResult hello = server.client().callTool("hello", json("{\"name\":\"Ada\"}"));
    assertThat(hello.structuredContent()).isNull();
    assertThat(hello.text()).isEqualTo("Hello, Ada!");
  }

  @Test
  void resourceTemplateBindsItsVariablesToParameters() {
    JsonNode read = server.request("resources/read", "{\"uri\":\"weather://Paris/3\"}");

    JsonNode contents = read.path("contents").get(0);
    assertThat(contents.path("mimeType").asString()).isEqualTo("application/json");
    assertThat(json(contents.path("text").asString()))
        .isEqualTo(json("{\"city\":\"Paris\",\"days\":3}"));
  }

  @Test
  void resourceTemplateVariableOfTheWrongTypeIsInvalidParams() {
    assertThatThrownBy(() -> server.request("resources/read", "{\"uri\":\"weather://Paris/soon\"}"))
        .isInstanceOfSatisfying(
            McpClientException.class,
            e -> {
              assertThat(e.error().orElseThrow().code()).isEqualTo(-32602);
              assertThat(e.error().orElseThrow().message()).contains("days").contains("soon");
            });
  }

  @Test
  void staticResourceAndTemplateAreListed() {
    assertThat(
            server.request("resources/list", null).path("resources").get(0).path("uri").asString())
        .isEqualTo("weather://cities");
    assertThat(
            server
                .request("resources/templates/list", null)
                .path("resourceTemplates")
                .get(0)
                .path("uriTemplate")
                .asString())
        .isEqualTo("weather://{city}/{days}");
  }

  @Test
  void promptBindsItsArgumentsAndListsThem() {
    JsonNode prompt = server.request("prompts/list", null).path("prompts").get(0);
    assertThat(prompt.path("arguments"))
        .isEqualTo(
            json(
                """
                [{"name": "city", "description": "Where to", "required": true},
                 {"name": "unit", "required": false},
                 {"name": "days", "required": true}]
                """));

    JsonNode got =
        server.request(
            "prompts/get",
            "{\"name\":\"packing\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"CELSIUS\",\"days\":\"4\"}}");
    assertThat(got.path("messages").get(0).path("content").path("text").asString())
        .isEqualTo("What should I pack for 4 days in Oslo? Temperatures in CELSIUS.");
  }

  @Test
  void promptArgumentOutsideTheEnumIsInvalidParams() {
    assertThatThrownBy(
            () ->
                server.request(
                    "prompts/get",
                    "{\"name\":\"packing\",\"arguments\":{\"city\":\"Oslo\",\"unit\":\"KELVIN\",\"days\":\"4\"}}"))
        .isInstanceOfSatisfying(
            McpClientException.class,
            e ->
                assertThat(e.error().orElseThrow().message())
                    .contains("unit")
                    .contains("CELSIUS, FAHRENHEIT"));
  }

  @Test
  void completionsComeFromEnumConstantsAndFromACompleterMethod() {
    JsonNode units =
        server.request(
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"packing\"},"
                + "\"argument\":{\"name\":\"unit\",\"value\":\"F\"}}");
    assertThat(units.path("completion").path("values")).isEqualTo(json("[\"FAHRENHEIT\"]"));

    JsonNode cities =
        server.request(
            "completion/complete",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"weather://{city}/{days}\"},"
                + "\"argument\":{\"name\":\"city\",\"value\":\"Pa\"}}");
    assertThat(cities.path("completion").path("values")).isEqualTo(json("[\"Paris\"]"));
  }

  /** Injected context: a parameter, not an argument. */
  static boolean hasSession(ToolContext context) {
    return context.session() != null;
  }
}
