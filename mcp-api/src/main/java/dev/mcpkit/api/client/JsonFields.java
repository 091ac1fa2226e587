package dev.mcpkit.api.client;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads optional members of the results the records of this package are made from. Stateless. */
final class JsonFields {
  private JsonFields() {}

  /** The member's text if it is a JSON string, else {@code null}. */
  static @Nullable String string(JsonNode node, String member) {
    JsonNode value = node.get(member);
    return value != null && value.isString() ? value.asString() : null;
  }
}
