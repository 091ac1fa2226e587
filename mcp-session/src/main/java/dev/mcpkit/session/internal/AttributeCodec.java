package dev.mcpkit.session.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Converts session attribute values to and from JSON for {@link dev.mcpkit.api.spi.SessionRecord}s.
 * Only {@code String}, {@code Boolean}, the JDK's {@code Number} types and {@code JsonNode} travel;
 * anything else stays on the node that set it. Stateless and thread-safe.
 */
final class AttributeCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AttributeCodec() {}

  /**
   * Encodes a value.
   *
   * @param value the attribute's value
   * @return its JSON form, or {@code null} if it is not JSON-representable
   */
  static @Nullable JsonNode toJson(Object value) {
    return switch (value) {
      case JsonNode node -> node;
      case String s -> NODES.stringNode(s);
      case Boolean b -> NODES.booleanNode(b);
      case Integer i -> NODES.numberNode(i.intValue());
      case Long l -> NODES.numberNode(l.longValue());
      case Short s -> NODES.numberNode(s.shortValue());
      case Byte b -> NODES.numberNode(b.byteValue());
      case Double d -> NODES.numberNode(d.doubleValue());
      case Float f -> NODES.numberNode(f.floatValue());
      case BigInteger b -> NODES.numberNode(b);
      case BigDecimal b -> NODES.numberNode(b);
      default -> null;
    };
  }

  /**
   * Decodes a value read from a record into the type an {@link dev.mcpkit.api.AttributeKey} asks
   * for.
   *
   * @param node the JSON form
   * @param type the wanted type
   * @return the value, or {@code null} if the JSON does not fit the type
   */
  static @Nullable Object fromJson(JsonNode node, Class<?> type) {
    if (type.isInstance(node)) {
      return node;
    }
    if (type == String.class) {
      return node.isString() ? node.stringValue() : null;
    }
    if (type == Boolean.class) {
      return node.isBoolean() ? node.booleanValue() : null;
    }
    if (!node.isNumber()) {
      return null;
    }
    if (type == Integer.class) {
      return node.canConvertToInt() ? node.intValue() : null;
    }
    if (type == Long.class) {
      return node.canConvertToLong() ? node.longValue() : null;
    }
    if (type == Double.class) {
      return node.doubleValue();
    }
    if (type == Float.class) {
      return node.floatValue();
    }
    if (type == BigInteger.class) {
      return node.isIntegralNumber() ? node.bigIntegerValue() : null;
    }
    if (type == BigDecimal.class) {
      return node.decimalValue();
    }
    if (type == Number.class) {
      return node.numberValue();
    }
    return null;
  }
}
