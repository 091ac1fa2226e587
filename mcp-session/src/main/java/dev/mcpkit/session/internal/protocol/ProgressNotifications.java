package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.codec.JsonRpcCodecs;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds {@code notifications/progress} messages, for both protocol generations. Stateless. */
public final class ProgressNotifications {
  private ProgressNotifications() {}

  /** The notification for one progress report under the request's progress token. */
  public static JsonRpcNotification of(
      JsonNode token, double progress, @Nullable Double total, @Nullable String message) {
    ObjectNode params = JsonRpcCodecs.nodes().objectNode();
    params.set("progressToken", token);
    params.put("progress", progress);
    if (total != null) {
      params.put("total", total);
    }
    if (message != null) {
      params.put("message", message);
    }
    return new JsonRpcNotification(McpMethod.NOTIFICATIONS_PROGRESS.wireName(), params);
  }
}
