package dev.mcpkit.examples;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Arguments a host would fill in for a tool it knows only from {@code tools/list}: a plain value of
 * the declared type for each required property, so the conformance client can call tools whose
 * arguments the scenario does not name.
 */
final class ConformanceArguments {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ConformanceArguments() {}

  /** A value for each required property of an object schema. */
  static ObjectNode sample(JsonNode inputSchema) {
    ObjectNode arguments = JSON.createObjectNode();
    JsonNode properties = inputSchema.path("properties");
    for (JsonNode required : inputSchema.path("required")) {
      String name = required.asString("");
      JsonNode property = properties.path(name);
      arguments.set(name, valueOf(property.path("type").asString("string")));
    }
    return arguments;
  }

  private static JsonNode valueOf(String type) {
    return switch (type) {
      case "integer" -> JSON.getNodeFactory().numberNode(1);
      case "number" -> JSON.getNodeFactory().numberNode(1.5);
      case "boolean" -> JSON.getNodeFactory().booleanNode(true);
      case "object" -> JSON.createObjectNode();
      case "array" -> JSON.createArrayNode();
      case "null" -> JSON.getNodeFactory().nullNode();
      default -> JSON.getNodeFactory().stringNode("sample-" + type);
    };
  }
}
