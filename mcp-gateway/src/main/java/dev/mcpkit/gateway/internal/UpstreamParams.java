package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The params of one upstream request, whose {@code _meta} members are written on demand: the
 * client's W3C trace context carried over, then whatever the {@link
 * dev.mcpkit.gateway.GatewayObserver} writes (its own span's context). The params are copied on the
 * first write that changes them, so a request that carries nothing new is sent as it came.
 *
 * <p>Not thread-safe: one request's thread uses it.
 */
final class UpstreamParams implements MetaWriter {
  /** The {@code _meta} members of the W3C trace context, as the MCP specification carries them. */
  static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate");

  private @Nullable JsonNode params;
  private boolean copied;

  UpstreamParams(@Nullable JsonNode params) {
    this.params = params;
  }

  /** The params to send. */
  @Nullable JsonNode params() {
    return params;
  }

  /** Copies the trace context of the client's {@code _meta} unless the params carry it already. */
  void carryTraceContext(@Nullable JsonNode clientMeta) {
    if (clientMeta == null) {
      return;
    }
    for (String key : TRACE_CONTEXT) {
      JsonNode value = clientMeta.get(key);
      if (value != null && value.isString() && !value.equals(meta(params).get(key))) {
        put(key, value.asString());
      }
    }
  }

  @Override
  public void put(String key, String value) {
    if (params != null && !params.isObject()) {
      return; // positional params have no _meta
    }
    ObjectNode object =
        copied && params instanceof ObjectNode own
            ? own
            : params == null
                ? JsonNodeFactory.instance.objectNode()
                : (ObjectNode) params.deepCopy();
    params = object;
    copied = true;
    JsonNode meta = object.get("_meta");
    (meta instanceof ObjectNode existing ? existing : object.putObject("_meta")).put(key, value);
  }

  private static JsonNode meta(@Nullable JsonNode params) {
    return params == null ? JsonNodeFactory.instance.missingNode() : params.path("_meta");
  }
}
