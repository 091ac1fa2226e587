package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.codec.McpParamHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A fast acceptance test for the plainest input schemas, run before the full validator: a schema
 * made only of {@code type} (one name), {@code properties}, {@code required}, a boolean {@code
 * additionalProperties} and annotations ({@code title}, {@code description}, {@code $comment},
 * {@code default}, {@code examples}, {@code x-mcp-header}), nested through {@code properties}, is
 * compiled here too. Such a schema accepts an instance when every rule holds, checked in one walk
 * without the validator's per-call context, paths and error lists; that is what most tools declare
 * (an object of a few strings and numbers).
 *
 * <p>Only ever a shortcut to "valid": {@link #accepts} answers {@code true} only when each rule
 * plainly holds (an {@code integer} must be an integral number node, not {@code 1.0}; a {@code
 * number} any number node), which the full validator accepts as well, and {@code false} whenever in
 * doubt, after which the full validator decides and writes the message. A schema with any other
 * keyword (or a {@code $schema} other than 2020-12) is not compiled ({@link #compile} gives {@code
 * null}) and always goes to the full validator. The end-to-end profile of a one-string echo put the
 * validator at several percent of the server's CPU per call.
 *
 * <p>Immutable and thread-safe.
 */
final class PlainSchema {
  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

  /** Keywords that assert nothing: ignored by the validator, so by this test too. */
  private static final Set<String> ANNOTATIONS =
      Set.of("title", "description", "$comment", "default", "examples", McpParamHeaders.KEYWORD);

  /** The JSON types a {@code type} keyword may name, as the validator reads them. */
  private enum Type {
    OBJECT,
    ARRAY,
    STRING,
    INTEGER,
    NUMBER,
    BOOLEAN,
    NULL
  }

  private final @Nullable Type type;
  private final Map<String, PlainSchema> properties;
  private final List<String> required;
  private final boolean closed;

  private PlainSchema(
      @Nullable Type type,
      Map<String, PlainSchema> properties,
      List<String> required,
      boolean closed) {
    this.type = type;
    this.properties = properties;
    this.required = required;
    this.closed = closed;
  }

  /**
   * Compiles a root schema, or returns {@code null} when it uses anything beyond the plain subset.
   */
  static @Nullable PlainSchema compile(JsonNode schema) {
    JsonNode dialect = schema.get("$schema");
    if (dialect != null && !(dialect.isString() && DRAFT_2020_12.equals(dialect.stringValue()))) {
      return null;
    }
    return compile(schema, true);
  }

  private static @Nullable PlainSchema compile(JsonNode schema, boolean root) {
    if (!schema.isObject()) {
      return null; // boolean schemas and anything odd: the validator's business
    }
    Type type = null;
    Map<String, PlainSchema> properties = Map.of();
    List<String> required = List.of();
    boolean closed = false;
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String keyword = entry.getKey();
      JsonNode value = entry.getValue();
      switch (keyword) {
        case "type" -> {
          type = typeOf(value);
          if (type == null) {
            return null;
          }
        }
        case "properties" -> {
          if (!value.isObject()) {
            return null;
          }
          Map<String, PlainSchema> compiled = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> property : value.properties()) {
            PlainSchema sub = compile(property.getValue(), false);
            if (sub == null) {
              return null;
            }
            compiled.put(property.getKey(), sub);
          }
          properties = Map.copyOf(compiled);
        }
        case "required" -> {
          if (!value.isArray()) {
            return null;
          }
          List<String> names = new ArrayList<>();
          for (JsonNode name : value) {
            if (!name.isString()) {
              return null;
            }
            names.add(name.stringValue());
          }
          required = List.copyOf(names);
        }
        case "additionalProperties" -> {
          if (!value.isBoolean()) {
            return null;
          }
          closed = !value.booleanValue();
        }
        case "$schema" -> {
          if (!root) {
            return null; // a dialect change inside: not plain
          }
        }
        default -> {
          if (!ANNOTATIONS.contains(keyword)) {
            return null;
          }
        }
      }
    }
    return new PlainSchema(type, properties, required, closed);
  }

  private static @Nullable Type typeOf(JsonNode value) {
    if (!value.isString()) {
      return null; // a list of types: not plain
    }
    return switch (value.stringValue()) {
      case "object" -> Type.OBJECT;
      case "array" -> Type.ARRAY;
      case "string" -> Type.STRING;
      case "integer" -> Type.INTEGER;
      case "number" -> Type.NUMBER;
      case "boolean" -> Type.BOOLEAN;
      case "null" -> Type.NULL;
      default -> null;
    };
  }

  /**
   * Tells whether the instance plainly satisfies the schema; {@code false} means "ask the full
   * validator", not necessarily "invalid".
   */
  boolean accepts(JsonNode instance) {
    if (type != null && !is(type, instance)) {
      return false;
    }
    if (!instance.isObject()) {
      return true; // properties, required and additionalProperties apply to objects only
    }
    for (int i = 0, n = required.size(); i < n; i++) {
      if (!instance.has(required.get(i))) {
        return false;
      }
    }
    if (properties.isEmpty() && !closed) {
      return true;
    }
    for (Map.Entry<String, JsonNode> member : instance.properties()) {
      PlainSchema sub = properties.get(member.getKey());
      if (sub == null) {
        if (closed) {
          return false;
        }
      } else if (!sub.accepts(member.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static boolean is(Type type, JsonNode instance) {
    return switch (type) {
      case OBJECT -> instance.isObject();
      case ARRAY -> instance.isArray();
      case STRING -> instance.isString();
      case INTEGER -> instance.isIntegralNumber();
      case NUMBER -> instance.isNumber();
      case BOOLEAN -> instance.isBoolean();
      case NULL -> instance.isNull();
    };
  }
}
