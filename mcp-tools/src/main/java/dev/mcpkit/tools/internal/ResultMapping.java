package dev.mcpkit.tools.internal;

import dev.mcpkit.api.server.ToolResult;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a typed tool's return value becomes its result, decided once from the return type: a {@link
 * ToolResult} as it is, a {@code String} as text, {@code void} as an empty result, an object (a
 * record, a map) as {@code structuredContent}, anything else (a list, a number, an enum) wrapped as
 * {@code {"result": ...}}, since {@code structuredContent} must be an object. The structured
 * results carry their JSON text as a text block beside them, as the specification recommends.
 * Immutable and thread-safe.
 */
final class ResultMapping {
  private static final String WRAPPER = "result";

  private enum Shape {
    TOOL_RESULT,
    TEXT,
    EMPTY,
    OBJECT,
    WRAPPED
  }

  private final Shape shape;
  private final @Nullable ObjectNode outputSchema;

  private ResultMapping(Shape shape, @Nullable ObjectNode outputSchema) {
    this.shape = shape;
    this.outputSchema = outputSchema;
  }

  static ResultMapping of(String where, Type returnType) {
    if (returnType == ToolResult.class) {
      return new ResultMapping(Shape.TOOL_RESULT, null);
    }
    if (returnType == String.class || returnType == CharSequence.class) {
      return new ResultMapping(Shape.TEXT, null);
    }
    if (returnType == void.class || returnType == Void.class) {
      return new ResultMapping(Shape.EMPTY, null);
    }
    JacksonAccess.require(returnType, where);
    ObjectNode schema = Schemas.of(returnType);
    if (Schemas.isObject(schema)) {
      return new ResultMapping(Shape.OBJECT, schema);
    }
    ObjectNode wrapped = Json.MAPPER.createObjectNode();
    wrapped.put("type", "object");
    JsonNode definitions = schema.remove("$defs");
    wrapped.putObject("properties").set(WRAPPER, schema);
    wrapped.putArray("required").add(WRAPPER);
    wrapped.put("additionalProperties", false);
    if (definitions != null) {
      wrapped.set("$defs", definitions);
    }
    return new ResultMapping(Shape.WRAPPED, wrapped);
  }

  /** The output schema the tool declares, or {@code null} for results without structure. */
  @Nullable ObjectNode outputSchema() {
    return outputSchema;
  }

  ToolResult toResult(@Nullable Object value) {
    return switch (shape) {
      case TOOL_RESULT ->
          value == null ? new ToolResult(List.of(), null, false) : (ToolResult) value;
      case TEXT -> ToolResult.text(value == null ? "" : value.toString());
      case EMPTY -> new ToolResult(List.of(), null, false);
      case OBJECT -> structured(Json.MAPPER.valueToTree(value));
      case WRAPPED -> {
        ObjectNode wrapper = Json.MAPPER.createObjectNode();
        wrapper.set(WRAPPER, Json.MAPPER.valueToTree(value));
        yield ToolResult.structured(wrapper);
      }
    };
  }

  private static ToolResult structured(JsonNode node) {
    if (!node.isObject()) {
      // A null return of an object type: no structure to give.
      return new ToolResult(List.of(), null, false);
    }
    return ToolResult.structured(node);
  }
}
