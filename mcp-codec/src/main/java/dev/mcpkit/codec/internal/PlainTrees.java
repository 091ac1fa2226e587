package dev.mcpkit.codec.internal;

import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.FloatNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.ShortNode;
import tools.jackson.databind.node.StringNode;

/**
 * Writes a JSON tree with a bare streaming generator, one that has no mapper's serialization
 * context: what a mapper's generator costs per message ({@code ObjectMapper.createGenerator} makes
 * a serialization context, and every {@code writeTree} looks up the node serializer through it) is
 * about a tenth of writing a small answer.
 *
 * <p>Why the bytes are the mapper's: for the node classes written here (exactly these classes, not
 * subclasses, which may serialize themselves differently), Jackson's own {@code serialize} makes
 * exactly these generator calls under the mapper's default configuration, which {@link
 * JacksonJsonRpcCodec#MAPPER} keeps: an object writes every property in insertion order (its
 * filtering, {@code WRITE_EMPTY_JSON_ARRAYS} off or {@code WRITE_NULL_PROPERTIES} off, and its
 * sorting, {@code WRITE_PROPERTIES_SORTED}, are off by default), an array its elements in order, a
 * null node the default null serializer's {@code writeNull}, and each scalar node one {@code
 * writeString}, {@code writeBoolean} or {@code writeNumber} of its value's own type; number
 * formatting is the generator's either way. Any other node (binary, POJO, missing, a subclass) is
 * {@link Unsupported}: the caller then writes the whole message with the mapper instead.
 *
 * <p>Stateless and thread-safe.
 */
final class PlainTrees {
  private PlainTrees() {}

  /**
   * Writes the tree.
   *
   * @throws Unsupported on a node this class does not write (the generator has then been written to
   *     in part, and its output must be discarded)
   */
  static void write(JsonGenerator generator, JsonNode node) {
    Class<?> type = node.getClass();
    if (type == ObjectNode.class) {
      ObjectNode object = (ObjectNode) node;
      generator.writeStartObject(object, object.size());
      for (Map.Entry<String, JsonNode> property : object.properties()) {
        generator.writeName(property.getKey());
        write(generator, property.getValue());
      }
      generator.writeEndObject();
    } else if (type == StringNode.class) {
      generator.writeString(node.stringValue());
    } else if (type == ArrayNode.class) {
      ArrayNode array = (ArrayNode) node;
      int size = array.size();
      generator.writeStartArray(array, size);
      for (int i = 0; i < size; i++) {
        write(generator, array.get(i));
      }
      generator.writeEndArray();
    } else if (type == IntNode.class) {
      generator.writeNumber(node.intValue());
    } else if (type == BooleanNode.class) {
      generator.writeBoolean(node.booleanValue());
    } else if (type == LongNode.class) {
      generator.writeNumber(node.longValue());
    } else if (type == NullNode.class) {
      generator.writeNull();
    } else if (type == DoubleNode.class) {
      generator.writeNumber(node.doubleValue());
    } else if (type == ShortNode.class) {
      generator.writeNumber(node.shortValue());
    } else if (type == FloatNode.class) {
      generator.writeNumber(node.floatValue());
    } else if (type == BigIntegerNode.class) {
      generator.writeNumber(node.bigIntegerValue());
    } else if (type == DecimalNode.class) {
      generator.writeNumber(node.decimalValue());
    } else {
      throw Unsupported.INSTANCE;
    }
  }

  /** A node {@link #write} does not write; stackless, shared. */
  static final class Unsupported extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super("a node the plain tree writer does not write", null, false, false);
    }
  }
}
