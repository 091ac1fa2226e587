package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.function.Consumer;
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
      copy = withOwnMeta(original, m -> meta = m);
    }
    // withOwnMeta hands the copy's _meta to its writer before it returns.
    requireNonNull(meta).put(key, value);
  }

  /**
   * A copy of {@code params} whose {@code _meta} the caller may write into: the params object is
   * copied shallowly and its {@code _meta} deeply (or created when it is absent or not an object),
   * so neither the caller's params nor its {@code _meta} change. Every writer of request metadata
   * (observers, the progress token, the 2026-07-28 request metadata) goes through here.
   *
   * @param writer gets the copy's {@code _meta} to write into
   * @return the copy
   */
  static ObjectNode withOwnMeta(@Nullable JsonNode params, Consumer<ObjectNode> writer) {
    ObjectNode copy = JsonRpcCodecs.nodes().objectNode();
    if (params instanceof ObjectNode object) {
      copy.setAll(object);
    }
    JsonNode existing = copy.get("_meta");
    ObjectNode meta =
        existing instanceof ObjectNode m ? m.deepCopy() : JsonRpcCodecs.nodes().objectNode();
    copy.set("_meta", meta);
    writer.accept(meta);
    return copy;
  }

  /** {@return the params to send: the copy if anything was written, else the original} */
  @Nullable JsonNode params() {
    return copy != null ? copy : original;
  }
}
