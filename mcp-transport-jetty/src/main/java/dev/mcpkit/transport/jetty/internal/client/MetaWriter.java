package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.spi.McpClientObserver;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an observer's members (W3C trace context) into a request's {@code params._meta}. The
 * caller's params are never changed: the first write copies the params object (shallowly) and its
 * {@code _meta} (deeply), so a request nobody writes into costs nothing. Not thread-safe: used on
 * the calling thread during {@code operationStarted} only.
 */
final class MetaWriter implements McpClientObserver.MetaWriter {
  private final @Nullable JsonNode original;
  private @Nullable ObjectNode meta;
  private @Nullable ObjectNode copy;

  MetaWriter(@Nullable JsonNode params) {
    this.original = params;
  }

  @Override
  public void put(String key, String value) {
    if (meta == null) {
      ObjectNode params = Messages.object();
      if (original instanceof ObjectNode object) {
        params.setAll(object);
      }
      JsonNode existing = params.get("_meta");
      meta = existing instanceof ObjectNode m ? m.deepCopy() : Messages.object();
      params.set("_meta", meta);
      copy = params;
    }
    meta.put(key, value);
  }

  /** {@return the params to send: the copy if anything was written, else the original} */
  @Nullable JsonNode params() {
    return copy != null ? copy : original;
  }
}
