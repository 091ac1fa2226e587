package dev.mcpkit.api.jsonrpc;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A notification: no id, no response.
 *
 * @param method the method name, e.g. {@code notifications/initialized}
 * @param params the parameters (an object), or {@code null} if absent
 */
public record JsonRpcNotification(String method, @Nullable JsonNode params)
    implements JsonRpcMessage {
  /** Validates the fields. */
  public JsonRpcNotification {
    requireNonNull(method, "method");
  }
}
