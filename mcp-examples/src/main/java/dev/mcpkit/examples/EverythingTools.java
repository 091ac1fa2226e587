package dev.mcpkit.examples;

import static dev.mcpkit.examples.TestMedia.JSON;
import static dev.mcpkit.examples.TestMedia.PNG_BASE64;
import static dev.mcpkit.examples.TestMedia.WAV_BASE64;
import static dev.mcpkit.examples.TestMedia.json;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.server.ClientErrorException;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.tools.Description;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of the everything server: exactly those the MCP conformance suite 0.1.16 calls ({@code
 * interop/EVERYTHING-SERVER.md}, section 3), with its names, schemas and texts, plus {@code
 * add_numbers} (the tool of the conformance client scenario {@code tools_call}).
 *
 * <p>Every handler is stateless and thread-safe. Failures are {@code isError} results, never
 * JSON-RPC errors, because that is what the suite expects of a tool.
 */
final class EverythingTools {
  private static final JsonNode NO_ARGUMENTS =
      json(
          """
      {"type": "object", "properties": {}}""");

  /** How long a tool waits for the client's answer to sampling or elicitation. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The pause between the notifications of the logging and progress tools, as the suite's server.
   */
  private static final long STEP_MILLIS = 50;

  /** How long {@code test_reconnection} works after closing its stream, as the suite's server. */
  private static final long RECONNECTION_DELAY_MILLIS = 100;

  private EverythingTools() {}

  /** All tools, in the order {@code tools/list} shows them. */
  static List<Tool> all() {
    return List.of(
        simple(
            "test_simple_text",
            "Tests simple text content response",
            ToolResult.text("This is a simple text response for testing.")),
        simple(
            "test_image_content",
            "Tests image content response",
            result(new Content.Image(PNG_BASE64, "image/png"))),
        simple(
            "test_audio_content",
            "Tests audio content response",
            result(new Content.Audio(WAV_BASE64, "audio/wav"))),
        simple(
            "test_embedded_resource",
            "Tests embedded resource content response",
            result(
                Content.resource(
                    ResourceContents.text(
                        "test://embedded-resource",
                        "text/plain",
                        "This is an embedded resource content.")))),
        simple(
            "test_multiple_content_types",
            "Tests response with multiple content types (text, image, resource)",
            ToolResult.builder()
                .text("Multiple content types test:")
                .add(new Content.Image(PNG_BASE64, "image/png"))
                .add(
                    Content.resource(
                        ResourceContents.text(
                            "test://mixed-content-resource",
                            "application/json",
                            "{\"test\":\"data\",\"value\":123}")))
                .build()),
        Tool.of(
            "test_tool_with_logging",
            "Tests tool that emits log messages during execution",
            NO_ARGUMENTS,
            (arguments, ctx) -> withLogging(ctx)),
        Tool.of(
            "test_tool_with_progress",
            "Tests tool that reports progress notifications",
            NO_ARGUMENTS,
            (arguments, ctx) -> withProgress(ctx)),
        simple(
            "test_error_handling",
            "Tests error response handling",
            ToolResult.error("This tool intentionally returns an error for testing")),
        Tool.of(
            "test_reconnection",
            "Tests SSE stream disconnection and client reconnection (SEP-1699). Server will close the stream "
                + "mid-call and send the result after client reconnects.",
            NO_ARGUMENTS,
            (arguments, ctx) -> reconnection(ctx)),
        Tool.of(
            "test_sampling",
            "Tests server-initiated sampling (LLM completion request)",
            json(
                """
            {"type": "object",
             "properties": {"prompt": {"type": "string", "description": "The prompt to send to the LLM"}},
             "required": ["prompt"]}"""),
            (arguments, ctx) -> sampling(arguments.path("prompt").asString(""), ctx)),
        Tool.of(
            "test_elicitation",
            "Tests server-initiated elicitation (user input request)",
            json(
                """
            {"type": "object",
             "properties": {"message": {"type": "string", "description": "The message to show the user"}},
             "required": ["message"]}"""),
            (arguments, ctx) ->
                elicit(
                    ctx,
                    "User response",
                    arguments.path("message").asString(""),
                    json(
                        """
                {"type": "object",
                 "properties": {
                   "username": {"type": "string", "description": "User's response"},
                   "email": {"type": "string", "description": "User's email address"}},
                 "required": ["username", "email"]}"""))),
        Tool.of(
            "test_elicitation_sep1034_defaults",
            "Tests elicitation with default values per SEP-1034",
            NO_ARGUMENTS,
            (arguments, ctx) ->
                elicit(
                    ctx,
                    "Elicitation completed",
                    "Please review and update the form fields with defaults",
                    json(
                        """
                {"type": "object",
                 "properties": {
                   "name": {"type": "string", "description": "User name", "default": "John Doe"},
                   "age": {"type": "integer", "description": "User age", "default": 30},
                   "score": {"type": "number", "description": "User score", "default": 95.5},
                   "status": {"type": "string", "description": "User status",
                              "enum": ["active", "inactive", "pending"], "default": "active"},
                   "verified": {"type": "boolean", "description": "Verification status", "default": true}},
                 "required": []}"""))),
        Tool.of(
            "test_elicitation_sep1330_enums",
            "Tests elicitation with enum schema improvements per SEP-1330",
            NO_ARGUMENTS,
            (arguments, ctx) ->
                elicit(
                    ctx,
                    "Elicitation completed",
                    "Please select options from the enum fields",
                    json(
                        """
                {"type": "object",
                 "properties": {
                   "untitledSingle": {"type": "string", "description": "Select one option",
                                      "enum": ["option1", "option2", "option3"]},
                   "titledSingle": {"type": "string", "description": "Select one option with titles",
                                    "oneOf": [{"const": "value1", "title": "First Option"},
                                              {"const": "value2", "title": "Second Option"},
                                              {"const": "value3", "title": "Third Option"}]},
                   "legacyEnum": {"type": "string", "description": "Select one option (legacy)",
                                  "enum": ["opt1", "opt2", "opt3"],
                                  "enumNames": ["Option One", "Option Two", "Option Three"]},
                   "untitledMulti": {"type": "array", "description": "Select multiple options",
                                     "minItems": 1, "maxItems": 3,
                                     "items": {"type": "string", "enum": ["option1", "option2", "option3"]}},
                   "titledMulti": {"type": "array", "description": "Select multiple options with titles",
                                   "minItems": 1, "maxItems": 3,
                                   "items": {"anyOf": [{"const": "value1", "title": "First Choice"},
                                                       {"const": "value2", "title": "Second Choice"},
                                                       {"const": "value3", "title": "Third Choice"}]}}},
                 "required": []}"""))),
        // The suite checks that this schema reaches the client unchanged ($schema, $defs,
        // additionalProperties): it is passed through as written.
        Tool.of(
            "json_schema_2020_12_tool",
            "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
            json(
                """
            {"$schema": "https://json-schema.org/draft/2020-12/schema",
             "type": "object",
             "$defs": {"address": {"$anchor": "addressDef", "type": "object",
                                   "properties": {"street": {"type": "string"}, "city": {"type": "string"}}}},
             "properties": {"name": {"type": "string"}, "address": {"$ref": "#/$defs/address"},
                            "contactMethod": {"type": "string", "enum": ["phone", "email"]},
                            "phone": {"type": "string"}, "email": {"type": "string"}},
             "allOf": [{"anyOf": [{"required": ["phone"]}, {"required": ["email"]}]}],
             "if": {"properties": {"contactMethod": {"const": "phone"}}, "required": ["contactMethod"]},
             "then": {"required": ["phone"]},
             "else": {"required": ["email"]},
             "additionalProperties": false}"""),
            (arguments, ctx) ->
                ToolResult.text(
                    "JSON Schema 2020-12 tool called with: " + JSON.writeValueAsString(arguments))),
        // Typed: the schema is generated from Numbers, the engine checks the arguments against it.
        Tool.typed(
                "add_numbers",
                "Add two numbers together",
                Numbers.class,
                (numbers, ctx) -> addNumbers(numbers))
            .withInvocationType(InvocationType.NON_BLOCKING));
  }

  private static Tool simple(String name, String description, ToolResult result) {
    // Computes nothing, waits for nothing: served on the I/O thread that read the call.
    return Tool.of(name, description, NO_ARGUMENTS, (arguments, ctx) -> result)
        .withInvocationType(InvocationType.NON_BLOCKING);
  }

  private static ToolResult result(Content content) {
    return ToolResult.builder().add(content).build();
  }

  /** Three {@code info} messages ~50 ms apart, on the call's stream before its result. */
  private static ToolResult withLogging(ToolContext ctx) throws InterruptedException {
    String[] steps = {"Tool execution started", "Tool processing data", "Tool execution completed"};
    for (int i = 0; i < steps.length; i++) {
      if (i > 0) {
        Thread.sleep(STEP_MILLIS);
      }
      ctx.log(LogLevel.INFO, steps[i]);
    }
    return ToolResult.text("Tool with logging executed successfully");
  }

  /** Progress 0, 50, 100 of 100, ~50 ms apart, all before the result. */
  private static ToolResult withProgress(ToolContext ctx) throws InterruptedException {
    for (int progress = 0; progress <= 100; progress += 50) {
      if (progress > 0) {
        Thread.sleep(STEP_MILLIS);
      }
      ctx.progress(progress, 100, "Completed step " + progress + " of 100");
    }
    return ToolResult.text(
        ctx.wantsProgress() ? "Progress reported: 0, 50, 100 of 100" : "no progress token");
  }

  /**
   * Closes the call's SSE stream after its priming event (polling, 2025-11-25), then answers; the
   * result waits in the event store until the client resumes with GET and {@code Last-Event-ID}.
   */
  private static ToolResult reconnection(ToolContext ctx) throws InterruptedException {
    ctx.closeStream();
    Thread.sleep(RECONNECTION_DELAY_MILLIS);
    return ToolResult.text(
        "Reconnection test completed successfully. If you received this, "
            + "the client properly reconnected after stream closure.");
  }

  private static ToolResult sampling(String prompt, ToolContext ctx) throws InterruptedException {
    ObjectNode params = JSON.createObjectNode();
    ObjectNode message = params.putArray("messages").addObject();
    message.put("role", "user");
    message.putObject("content").put("type", "text").put("text", prompt);
    params.put("maxTokens", 100);
    try {
      JsonNode answer = ctx.request("sampling/createMessage", params, CLIENT_TIMEOUT);
      // content is one block in 2025-06-18 and may be an array of blocks in 2025-11-25.
      JsonNode content = answer.path("content");
      JsonNode first = content.isArray() ? content.path(0) : content;
      return ToolResult.text("LLM response: " + first.path("text").asString("No response"));
    } catch (ClientErrorException | IllegalStateException | TimeoutException e) {
      return ToolResult.error("Sampling not supported or error: " + e.getMessage());
    }
  }

  /** Sends {@code elicitation/create} and reports the client's action and content. */
  private static ToolResult elicit(
      ToolContext ctx, String label, String message, JsonNode requestedSchema)
      throws InterruptedException {
    ObjectNode params = JSON.createObjectNode();
    params.put("message", message);
    params.set("requestedSchema", requestedSchema);
    try {
      JsonNode answer = ctx.request("elicitation/create", params, CLIENT_TIMEOUT);
      JsonNode content = answer.has("content") ? answer.get("content") : JSON.createObjectNode();
      return ToolResult.text(
          label
              + ": action="
              + answer.path("action").asString("")
              + ", content="
              + JSON.writeValueAsString(content));
    } catch (ClientErrorException | IllegalStateException | TimeoutException e) {
      return ToolResult.error("Elicitation not supported or error: " + e.getMessage());
    }
  }

  /**
   * The arguments of {@code add_numbers}.
   *
   * @param a the first number
   * @param b the second number
   */
  public record Numbers(
      @Description("First number") BigDecimal a, @Description("Second number") BigDecimal b) {}

  private static ToolResult addNumbers(Numbers numbers) {
    return ToolResult.text(
        "The sum of "
            + number(numbers.a())
            + " and "
            + number(numbers.b())
            + " is "
            + number(numbers.a().add(numbers.b())));
  }

  /**
   * Integral numbers without a fraction ({@code 5}, not {@code 5.0}), like JavaScript prints them.
   */
  private static String number(BigDecimal n) {
    return n.stripTrailingZeros().toPlainString();
  }
}
