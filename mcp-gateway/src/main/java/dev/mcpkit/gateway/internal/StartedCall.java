package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.gateway.GatewayObserver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A client's request as it starts toward an upstream, on either forwarding path ({@link
 * GatewayMethods}' blocking one, {@link LaterForwards}): the params it is sent with (without the
 * client's progress token, with the client's trace context) and the observer's call of it, which
 * the path ends once.
 *
 * @param sent the params sent upstream
 * @param call the observer's call, started
 */
record StartedCall(UpstreamParams sent, GatewayObserver.UpstreamCall call) {

  /**
   * Starts a call: the params to send and the observer told.
   *
   * @param params the params to send (the client's, or a copy naming the upstream's own tool)
   */
  static StartedCall start(
      GatewayObserver observer,
      Upstream upstream,
      DynamicRequest request,
      @Nullable JsonNode params) {
    JsonNode clientParams = request.params();
    JsonNode clientMeta = clientParams == null ? null : clientParams.get("_meta");
    UpstreamParams sent = new UpstreamParams(GatewayMethods.withoutProgressToken(params));
    sent.carryTraceContext(clientMeta);
    GatewayObserver.UpstreamCall call =
        observer.callStarted(
            new GatewayObserver.Call(
                upstream.name(),
                request.method(),
                GatewayMethods.target(request.method(), params),
                clientMeta),
            sent);
    return new StartedCall(sent, call);
  }
}
