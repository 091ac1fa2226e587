package dev.mcpkit.codec.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;

/**
 * Writes JSON-RPC messages with a streaming generator: the envelope's members straight, and only
 * {@code params}, {@code result} and {@code error.data} as trees, by {@link PlainTrees} on a bare
 * generator of the mapper's factory (no serialization context set up per message), or, when a tree
 * holds a node only the mapper writes, the whole message again through the mapper. The bytes are
 * those the mapper gives for an envelope {@code ObjectNode} with the members in this order ({@code
 * jsonrpc}, {@code id}, {@code method}, {@code params}, {@code result}, {@code error} with {@code
 * code}, {@code message}, {@code data}), without building that node per message. Stateless and
 * thread-safe; each call has its own generator and buffer.
 */
final class JsonRpcWriter {
  /** Most answers fit, so the buffer rarely grows; it is copied out once at the end. */
  private static final int FIRST_BLOCK = 256;

  private JsonRpcWriter() {}

  static byte[] write(JsonRpcMessage message) {
    ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BLOCK);
    try (JsonGenerator generator = bare(out)) {
      write(generator, message);
    } catch (PlainTrees.Unsupported e) {
      // A node only the mapper writes: the whole message again, with the mapper's generator.
      out = new ByteArrayBuilder(FIRST_BLOCK);
      try (JsonGenerator generator = JacksonJsonRpcCodec.MAPPER.createGenerator(out)) {
        write(generator, message);
      }
    }
    return out.toByteArray();
  }

  /**
   * A generator of the mapper's factory without a serialization context ({@link PlainTrees}): the
   * same stream features and output as the mapper's own, without its per-generator set-up.
   */
  private static JsonGenerator bare(ByteArrayBuilder out) {
    return JacksonJsonRpcCodec.MAPPER
        .tokenStreamFactory()
        .createGenerator(ObjectWriteContext.empty(), out);
  }

  static byte[] writeBatch(List<JsonRpcMessage> messages) {
    int first = FIRST_BLOCK * Math.max(1, messages.size());
    ByteArrayBuilder out = new ByteArrayBuilder(first);
    try (JsonGenerator generator = bare(out)) {
      writeBatch(generator, messages);
    } catch (PlainTrees.Unsupported e) {
      out = new ByteArrayBuilder(first);
      try (JsonGenerator generator = JacksonJsonRpcCodec.MAPPER.createGenerator(out)) {
        writeBatch(generator, messages);
      }
    }
    return out.toByteArray();
  }

  private static void writeBatch(JsonGenerator generator, List<JsonRpcMessage> messages) {
    generator.writeStartArray(messages, messages.size());
    for (JsonRpcMessage message : messages) {
      write(generator, message);
    }
    generator.writeEndArray();
  }

  private static void write(JsonGenerator generator, JsonRpcMessage message) {
    generator.writeStartObject();
    generator.writeStringProperty("jsonrpc", JsonRpcMessage.VERSION);
    switch (message) {
      case JsonRpcRequest r -> {
        writeId(generator, r.id());
        generator.writeStringProperty("method", r.method());
        writeTreeIfPresent(generator, "params", r.params());
      }
      case JsonRpcNotification n -> {
        generator.writeStringProperty("method", n.method());
        writeTreeIfPresent(generator, "params", n.params());
      }
      case JsonRpcResponse r -> {
        writeId(generator, r.id());
        generator.writeName("result");
        writeTree(generator, r.result());
      }
      case JsonRpcErrorResponse e -> {
        writeId(generator, e.id());
        JsonRpcError error = e.error();
        generator.writeName("error");
        generator.writeStartObject();
        generator.writeNumberProperty("code", error.code());
        generator.writeStringProperty("message", error.message());
        writeTreeIfPresent(generator, "data", error.data());
        generator.writeEndObject();
      }
    }
    generator.writeEndObject();
  }

  private static void writeId(JsonGenerator generator, @Nullable RequestId id) {
    generator.writeName("id");
    switch (id) {
      case null -> generator.writeNull();
      case RequestId.Text t -> generator.writeString(t.value());
      case RequestId.Number n -> generator.writeNumber(n.value());
    }
  }

  private static void writeTreeIfPresent(
      JsonGenerator generator, String name, @Nullable JsonNode tree) {
    if (tree != null) {
      generator.writeName(name);
      writeTree(generator, tree);
    }
  }

  /** A tree, by {@link PlainTrees} on a bare generator, by the mapper on the mapper's. */
  private static void writeTree(JsonGenerator generator, JsonNode tree) {
    if (generator.objectWriteContext() instanceof SerializationContext) {
      generator.writeTree(tree);
    } else {
      PlainTrees.write(generator, tree);
    }
  }
}
