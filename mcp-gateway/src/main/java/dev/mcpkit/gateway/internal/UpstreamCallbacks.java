package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** What an upstream session sends the gateway, for the client session that owns it. */
public interface UpstreamCallbacks {

  /**
   * Answers a request of the upstream (sampling, elicitation, roots) by asking the client.
   *
   * @param method the request's method
   * @param params its params
   * @return the client's result
   * @throws Exception to answer the upstream with an error
   */
  JsonNode onRequest(String method, JsonNode params) throws Exception;

  /**
   * Passes on a notification of the upstream other than progress.
   *
   * @param notification the notification
   */
  void onNotification(JsonRpcNotification notification);

  /**
   * Returns the id of the client session this upstream session belongs to, for tapes.
   *
   * @return the id, or {@code null} for an upstream session of no client session (the probe)
   */
  default @Nullable String clientSessionId() {
    return null;
  }
}
