package dev.mcpkit.examples;

import static dev.mcpkit.examples.TestMedia.json;
import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools that the conformance suite's {@code tasks-*} scenarios (the Tasks extension, {@code
 * io.modelcontextprotocol/tasks}) expect: one that never runs as a task ({@code greet}), long and
 * failing ones that do, ones that ask for input as a task, and one that gathers its input by multi
 * round-trip before it becomes a task ({@code test_tool_with_task}).
 */
final class TaskTools {
  private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(5);

  private TaskTools() {}

  /** The tools, in the order {@code tools/list} shows them. */
  static List<Tool> all() {
    return List.of(
        Tool.of(
            "greet",
            "Greets someone by name (never a task)",
            json(
                """
                {"type": "object", "properties": {"name": {"type": "string"}}}"""),
            (arguments, ctx) ->
                ToolResult.text("Hello, " + arguments.path("name").asString("world") + "!")),
        Tool.of(
                "slow_compute",
                "Works for the given number of seconds, then answers (a task when the client"
                    + " supports tasks)",
                json(
                    """
                    {"type": "object", "properties": {
                      "seconds": {"type": "number", "minimum": 0},
                      "label": {"type": "string"}}}"""),
                (arguments, ctx) -> {
                  double seconds = arguments.path("seconds").asDouble(1);
                  String label = arguments.path("label").asString("job");
                  long millis = Math.round(seconds * 1000);
                  long step = 250;
                  for (long done = 0; done < millis; done += step) {
                    ctx.progress(done, (double) millis, label);
                    Thread.sleep(Math.min(step, millis - done)); // interrupted by tasks/cancel
                  }
                  return ToolResult.text("Computed " + label + " in " + seconds + "s");
                })
            .withTaskSupport(TaskSupport.OPTIONAL),
        Tool.of(
                "failing_job",
                "Fails with a tool error after a second (only as a task)",
                json("{\"type\": \"object\", \"properties\": {}}"),
                (arguments, ctx) -> {
                  Thread.sleep(1000);
                  return ToolResult.error("the job failed, as it always does");
                })
            .withTaskSupport(TaskSupport.REQUIRED),
        Tool.of(
                "protocol_error_job",
                "Fails with a protocol-level error (the task ends failed)",
                json("{\"type\": \"object\", \"properties\": {}}"),
                (arguments, ctx) -> {
                  Thread.sleep(200);
                  throw new RequestErrorException(
                      JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "the job broke down"));
                })
            .withTaskSupport(TaskSupport.OPTIONAL),
        Tool.of(
                "confirm_delete",
                "Asks the user to confirm deleting a file, as a task",
                json(
                    """
                    {"type": "object", "properties": {"filename": {"type": "string"}}}"""),
                (arguments, ctx) -> {
                  ctx.continueAsTask(); // the question parks the task, not the call
                  String file = arguments.path("filename").asString("file");
                  JsonNode answer =
                      ctx.input(
                          "confirm",
                          "elicitation/create",
                          elicitation("Delete " + file + "?", "confirm", "boolean"),
                          CLIENT_TIMEOUT);
                  boolean confirmed =
                      "accept".equals(answer.path("action").asString(""))
                          && answer.at("/content/confirm").asBoolean(false);
                  return ToolResult.text((confirmed ? "Deleted " : "Kept ") + file);
                })
            .withTaskSupport(TaskSupport.OPTIONAL),
        Tool.of(
                "multi_input",
                "Asks two questions at once, as a task",
                json("{\"type\": \"object\", \"properties\": {}}"),
                (arguments, ctx) -> {
                  ctx.continueAsTask();
                  Map<String, InputRequest> asks = new LinkedHashMap<>();
                  asks.put(
                      "first_name",
                      new InputRequest(
                          "elicitation/create", elicitation("First name?", "name", "string")));
                  asks.put(
                      "second_name",
                      new InputRequest(
                          "elicitation/create", elicitation("Second name?", "name", "string")));
                  Map<String, JsonNode> answers = ctx.inputs(asks, CLIENT_TIMEOUT);
                  return ToolResult.text(
                      "Got "
                          + requireNonNull(answers.get("first_name"))
                              .at("/content/name")
                              .asString("?")
                          + " and "
                          + requireNonNull(answers.get("second_name"))
                              .at("/content/name")
                              .asString("?"));
                })
            .withTaskSupport(TaskSupport.OPTIONAL),
        Tool.of(
                "test_tool_with_task",
                "Asks the user's name by multi round-trip, then works on as a task",
                json("{\"type\": \"object\", \"properties\": {}}"),
                (arguments, ctx) -> {
                  JsonNode answer =
                      ctx.input(
                          "user_name",
                          "elicitation/create",
                          elicitation("What is your name?", "name", "string"),
                          CLIENT_TIMEOUT);
                  Thread.sleep(300);
                  return ToolResult.text(
                      "Hello, " + answer.at("/content/name").asString("unknown") + "!");
                })
            .withTaskSupport(TaskSupport.REQUIRED));
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
}
