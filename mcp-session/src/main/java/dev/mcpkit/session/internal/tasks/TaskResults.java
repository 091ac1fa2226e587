package dev.mcpkit.session.internal.tasks;

import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire shapes of the Tasks extension: {@code CreateTaskResult} (flat: {@code resultType:
 * "task"} and the task's fields, no nested {@code task}, no {@code result}), the {@code
 * DetailedTask} of {@code tasks/get} (the fields plus the inlined {@code result}, {@code error} or
 * {@code inputRequests} of its status) and the empty acknowledgement of {@code tasks/update} and
 * {@code tasks/cancel}. Durations are integer milliseconds ({@code ttlMs}, {@code pollIntervalMs});
 * times ISO-8601. Stateless.
 */
final class TaskResults {
  private TaskResults() {}

  /** The answer to the {@code tools/call} that created the task. */
  static ObjectNode created(TaskRecord record) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("resultType", "task");
    fields(result, record);
    return result;
  }

  /** The answer to {@code tasks/get}. */
  static ObjectNode detailed(TaskRecord record) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("resultType", "complete");
    fields(result, record);
    switch (record.status()) {
      case WORKING, CANCELLED -> {}
      case INPUT_REQUIRED -> {
        ObjectNode requests = result.putObject("inputRequests");
        for (Map.Entry<String, JsonNode> entry : record.inputRequests().entrySet()) {
          requests.set(entry.getKey(), entry.getValue().deepCopy());
        }
      }
      case COMPLETED -> {
        JsonNode stored = record.result();
        if (stored != null) {
          result.set("result", stored.deepCopy());
        }
      }
      case FAILED -> {
        JsonNode error = record.error();
        if (error != null) {
          result.set("error", error.deepCopy());
        }
      }
    }
    return result;
  }

  /** The acknowledgement of {@code tasks/update} and {@code tasks/cancel}: no task fields. */
  static ObjectNode ack() {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("resultType", "complete");
    return result;
  }

  private static void fields(ObjectNode result, TaskRecord record) {
    result.put("taskId", record.taskId());
    result.put("status", record.status().wireName());
    if (record.statusMessage() != null) {
      result.put("statusMessage", record.statusMessage());
    }
    result.put("createdAt", record.createdAt().toString());
    result.put("lastUpdatedAt", record.lastUpdatedAt().toString());
    result.put("ttlMs", record.ttl().toMillis());
    result.put("pollIntervalMs", record.pollInterval().toMillis());
  }
}
