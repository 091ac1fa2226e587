package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.concurrent.CancellationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's side of a tool call the server made a task (the {@code
 * io.modelcontextprotocol/tasks} extension, revision 2026-07-28): polls {@code tasks/get} at the
 * interval the server suggests until the task ends, answers its input requests through the client's
 * handlers with {@code tasks/update}, and returns the inlined result. Interrupting the caller
 * (cancelling the future of {@code callToolAsync}) sends {@code tasks/cancel}. Stateless.
 */
final class TaskPolling {
  /** The shortest poll interval used, whatever the server suggests. */
  private static final long MIN_POLL_MILLIS = 50;

  private TaskPolling() {}

  /** Whether a {@code tools/call} result is a task handle. */
  static boolean isTask(JsonNode result) {
    return "task".equals(result.path("resultType").asString(""));
  }

  /**
   * Follows a task to its end.
   *
   * @param created the {@code CreateTaskResult}
   * @return the tool's result
   * @throws McpClientException if the task failed (its error's code and message)
   * @throws CancellationException if the task was cancelled, or the caller interrupted (then the
   *     task is cancelled and the thread's interrupt flag is restored)
   */
  static JsonNode await(
      McpClient client,
      JsonNode created,
      RequestOptions options,
      ModernRequests.InputAnswerer answerer) {
    String taskId = created.path("taskId").asString("");
    if (taskId.isEmpty()) {
      throw new McpClientException("the server answered a task without a taskId", null);
    }
    long poll = Math.max(MIN_POLL_MILLIS, created.path("pollIntervalMs").asLong(500));
    try {
      while (true) {
        JsonNode task = client.request("tasks/get", params(taskId), options);
        switch (task.path("status").asString("")) {
          case "completed" -> {
            return task.path("result");
          }
          case "failed" -> {
            JsonNode error = task.path("error");
            throw new McpClientException(
                "task "
                    + taskId
                    + " failed: "
                    + error.path("code").asInt()
                    + " "
                    + error.path("message").asString(""),
                null);
          }
          case "cancelled" -> throw new CancellationException("task " + taskId + " was cancelled");
          case "input_required" ->
              client.request(
                  "tasks/update", ModernRequests.retry(params(taskId), task, answerer), options);
          default -> Thread.sleep(poll);
        }
      }
    } catch (InterruptedException e) {
      throw cancelled(client, taskId, options);
    } catch (McpClientException e) {
      // An interrupt during a poll ends that request (its own notifications/cancelled) with this
      // exception and the flag set: the task must be cancelled all the same.
      if (Thread.interrupted()) {
        throw cancelled(client, taskId, options);
      }
      throw e;
    }
  }

  /**
   * Sends {@code tasks/cancel} with the interrupt flag clear (else the request itself would be
   * interrupted), then restores the flag.
   */
  private static CancellationException cancelled(
      McpClient client, String taskId, RequestOptions options) {
    cancelQuietly(client, taskId, options);
    Thread.currentThread().interrupt();
    return new CancellationException("interrupted: task " + taskId + " cancelled");
  }

  private static void cancelQuietly(McpClient client, String taskId, RequestOptions options) {
    try {
      client.request("tasks/cancel", params(taskId), options);
    } catch (RuntimeException e) {
      // Best effort: the task ends on its own or expires.
    }
  }

  private static ObjectNode params(String taskId) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.put("taskId", taskId);
    return params;
  }
}
