package dev.mcpkit.examples;

import static dev.mcpkit.examples.TestMedia.json;
import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Role;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.server.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools and the prompt that the conformance suite's scenarios for revision 2026-07-28 expect
 * (multi round-trip requests, capability checks, per-request logging). Each asks the client through
 * {@link ToolContext#input}, so the same code serves a 2025 session (requests on the call's SSE
 * stream) and a 2026 client ({@code input_required}, then a retry with the answers).
 */
final class Revision2026Tools {
  private static final JsonNode NO_ARGUMENTS =
      json(
          """
      {"type": "object", "properties": {}}""");
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

  private Revision2026Tools() {}

  /** The tools, in the order {@code tools/list} shows them (after the others). */
  static List<Tool> all(AtomicReference<@Nullable ServerNotifications> notifications) {
    return List.of(
        Tool.of(
            "test_trigger_prompt_change",
            "Publishes a prompt list change (listen streams that opted in hear it)",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              ServerNotifications publisher = notifications.get();
              int delivered = publisher == null ? 0 : publisher.promptListChanged();
              return ToolResult.text("Mutation triggered (" + delivered + " delivered)");
            }),
        Tool.of(
            "test_missing_capability",
            "Needs the client's sampling capability",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              JsonNode answer =
                  ctx.input(
                      "sample", "sampling/createMessage", sampling("Say hi", 20), CLIENT_TIMEOUT);
              return ToolResult.text("Success: " + answer.at("/content/text").asString(""));
            }),
        Tool.of(
            "test_input_required_result_elicitation",
            "Asks the user's name (multi round-trip)",
            NO_ARGUMENTS,
            (arguments, ctx) ->
                ToolResult.text(
                    "Hello, "
                        + text(
                            ctx.input(
                                "user_name",
                                "elicitation/create",
                                elicitation("What is your name?", "name", "string"),
                                CLIENT_TIMEOUT),
                            "name")
                        + "!")),
        Tool.of(
            "test_input_required_result_sampling",
            "Asks the client's LLM (multi round-trip)",
            NO_ARGUMENTS,
            (arguments, ctx) ->
                ToolResult.text(
                    "Sampling result: "
                        + ctx.input(
                                "sample_request",
                                "sampling/createMessage",
                                sampling("What is the capital of France?", 100),
                                CLIENT_TIMEOUT)
                            .at("/content/text")
                            .asString("no response"))),
        Tool.of(
            "test_input_required_result_list_roots",
            "Asks the client's roots (multi round-trip)",
            NO_ARGUMENTS,
            (arguments, ctx) ->
                ToolResult.text(
                    "Found "
                        + ctx.input("roots_request", "roots/list", json("{}"), CLIENT_TIMEOUT)
                            .path("roots")
                            .size()
                        + " root(s)")),
        Tool.of(
            "test_input_required_result_request_state",
            "Asks for a confirmation; the answer comes back with the signed requestState",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              JsonNode confirm =
                  ctx.input(
                      "confirm",
                      "elicitation/create",
                      elicitation("Please confirm", "ok", "boolean"),
                      CLIENT_TIMEOUT);
              return confirm.at("/content/ok").asBoolean(false)
                  ? ToolResult.text("state-ok: requestState validated")
                  : ToolResult.error("not confirmed");
            }),
        Tool.of(
            "test_input_required_result_multiple_inputs",
            "Asks for three inputs in one round",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              Map<String, InputRequest> asks = new LinkedHashMap<>();
              asks.put(
                  "user_name",
                  new InputRequest(
                      "elicitation/create", elicitation("What is your name?", "name", "string")));
              asks.put(
                  "greeting",
                  new InputRequest("sampling/createMessage", sampling("Generate a greeting", 50)));
              asks.put("client_roots", new InputRequest("roots/list", json("{}")));
              // inputs answers every key it was asked, or ends the round.
              Map<String, JsonNode> answers = ctx.inputs(asks, CLIENT_TIMEOUT);
              return ToolResult.text(
                  "Name: "
                      + text(requireNonNull(answers.get("user_name")), "name")
                      + "; Greeting: "
                      + requireNonNull(answers.get("greeting"))
                          .at("/content/text")
                          .asString("Hello there!")
                      + "; Roots: "
                      + requireNonNull(answers.get("client_roots")).path("roots").size());
            }),
        Tool.of(
            "test_input_required_result_multi_round",
            "Asks in two rounds",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              String name =
                  text(
                      ctx.input(
                          "step1",
                          "elicitation/create",
                          elicitation("Step 1: What is your name?", "name", "string"),
                          CLIENT_TIMEOUT),
                      "name");
              String color =
                  text(
                      ctx.input(
                          "step2",
                          "elicitation/create",
                          elicitation("Step 2: What is your favorite color?", "color", "string"),
                          CLIENT_TIMEOUT),
                      "color");
              return ToolResult.text("Multi-round complete for " + name + " who likes " + color);
            }),
        Tool.of(
            "test_input_required_result_tampered_state",
            "Asks for a confirmation; a forged requestState is refused",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              ctx.input(
                  "confirm",
                  "elicitation/create",
                  elicitation("Please confirm", "ok", "boolean"),
                  CLIENT_TIMEOUT);
              return ToolResult.text("integrity-ok: state verified");
            }),
        Tool.of(
            "test_input_required_result_capabilities",
            "Asks only what the client declared it can answer",
            NO_ARGUMENTS,
            Revision2026Tools::declaredOnly),
        Tool.of(
            "test_streaming_elicitation",
            "Streams progress, never a request, on its response stream",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              ctx.progress(50, 100, "half way");
              return ToolResult.text("Streaming complete");
            }),
        Tool.of(
            "test_custom_header_tool",
            "Mirrors its region argument in the Mcp-Param-Region header (x-mcp-header)",
            json(
                """
                {"type": "object",
                 "properties": {"region": {"type": "string", "description": "Where to run", "x-mcp-header": "Region"},
                                "query": {"type": "string", "description": "What to run"}},
                 "required": ["region"]}"""),
            (arguments, ctx) ->
                ToolResult.text(
                    "region "
                        + arguments.path("region").asString("")
                        + ": "
                        + arguments.path("query").asString(""))),
        Tool.of(
            "test_logging_tool",
            "Logs once; the client sees it only if its request set a log level",
            NO_ARGUMENTS,
            (arguments, ctx) -> {
              ctx.log(LogLevel.INFO, "Diagnostic trace logging activated");
              return ToolResult.text("Logging evaluated");
            }));
  }

  /** A prompt that needs context from the user (multi round-trip on prompts/get). */
  static Prompt prompt() {
    return Prompt.of(
        "test_input_required_result_prompt",
        "A prompt that asks the user for context",
        List.of(),
        (arguments, ctx) -> {
          JsonNode answer =
              ctx.input(
                  "user_context",
                  "elicitation/create",
                  elicitation("What context should the prompt use?", "context", "string"));
          return new PromptResult(
              null,
              List.of(
                  new PromptMessage(
                      Role.USER, Content.text("Prompt with context: " + text(answer, "context")))));
        });
  }

  private static ToolResult declaredOnly(JsonNode arguments, ToolContext ctx)
      throws InterruptedException, TimeoutException {
    JsonNode capabilities = ctx.clientCapabilities();
    Map<String, InputRequest> asks = new LinkedHashMap<>();
    if (capabilities.has("elicitation")) {
      asks.put(
          "elicit_input",
          new InputRequest(
              "elicitation/create", elicitation("Elicitation input", "value", "string")));
    }
    if (capabilities.has("sampling")) {
      asks.put(
          "sample_input",
          new InputRequest("sampling/createMessage", sampling("Sample request", 50)));
    }
    if (asks.isEmpty()) {
      return ToolResult.text("No supported capabilities declared");
    }
    return ToolResult.text(
        "capabilities-ok: received " + String.join(",", ctx.inputs(asks, CLIENT_TIMEOUT).keySet()));
  }

  private static String text(JsonNode elicitResult, String field) {
    return elicitResult.at("/content/" + field).asString("unknown");
  }

  private static ObjectNode elicitation(String message, String field, String type) {
    ObjectNode params = (ObjectNode) json("{}");
    params.put("message", message);
    ObjectNode schema = params.putObject("requestedSchema");
    schema.put("type", "object");
    schema.putObject("properties").putObject(field).put("type", type);
    schema.putArray("required").add(field);
    return params;
  }

  private static ObjectNode sampling(String prompt, int maxTokens) {
    ObjectNode params = (ObjectNode) json("{}");
    ObjectNode message = params.putArray("messages").addObject();
    message.put("role", "user");
    message.putObject("content").put("type", "text").put("text", prompt);
    params.put("maxTokens", maxTokens);
    return params;
  }
}
