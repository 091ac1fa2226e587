package dev.mcpkit.metrics.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads the string members of a request's {@code params._meta} for a propagator. Stateless. */
enum MetaGetter implements TextMapGetter<JsonNode> {
  INSTANCE;

  @Override
  public Iterable<String> keys(JsonNode carrier) {
    return carrier.propertyNames();
  }

  @Override
  public @Nullable String get(@Nullable JsonNode carrier, String key) {
    JsonNode value = carrier == null ? null : carrier.get(key);
    return value != null && value.isString() ? value.stringValue() : null;
  }
}
