package dev.mcpkit.gateway.internal;

import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON in one spelling whatever the order of its members, for use as a key. Stateless. */
final class Canonical {
  private Canonical() {}

  /** The text of {@code node} with every object's members sorted by name. */
  static String json(JsonNode node) {
    return sorted(node).toString();
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> members = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        members.put(entry.getKey(), sorted(entry.getValue()));
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      members.forEach(copy::set);
      return copy;
    }
    return node;
  }
}
