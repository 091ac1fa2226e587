package dev.mcpkit.gateway.internal;

import java.util.Collection;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server capabilities a gateway declares, from those its upstreams declared: one upstream's as
 * they are (the engine declares {@code logging} itself); several upstreams' merged, each feature
 * and flag declared when any upstream declares it. Stateless.
 */
final class Capabilities {
  private Capabilities() {}

  private static final String[] CATALOGUE = {"tools", "resources", "prompts", "completions"};

  static ObjectNode merge(Collection<JsonNode> upstreams) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    if (upstreams.size() == 1) {
      for (Map.Entry<String, JsonNode> entry : upstreams.iterator().next().properties()) {
        if (!entry.getKey().equals("logging")) {
          merged.set(entry.getKey(), entry.getValue().deepCopy());
        }
      }
      return merged;
    }
    for (JsonNode capabilities : upstreams) {
      for (String feature : CATALOGUE) {
        JsonNode declared = capabilities.get(feature);
        if (declared == null || !declared.isObject()) {
          continue;
        }
        ObjectNode into =
            merged.has(feature) ? (ObjectNode) merged.get(feature) : merged.putObject(feature);
        for (Map.Entry<String, JsonNode> flag : declared.properties()) {
          if (flag.getValue().isBoolean()) {
            into.put(
                flag.getKey(),
                into.path(flag.getKey()).asBoolean(false) || flag.getValue().asBoolean());
          }
        }
      }
    }
    return merged;
  }

  /** Whether an upstream declared a feature ({@code "tools"}, {@code "resources"}, ...). */
  static boolean declares(JsonNode capabilities, String feature) {
    JsonNode declared = capabilities.get(feature);
    return declared != null && declared.isObject();
  }
}
