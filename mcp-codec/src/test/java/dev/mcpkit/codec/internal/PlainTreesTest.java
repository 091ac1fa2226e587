package dev.mcpkit.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bare-generator writer ({@link PlainTrees}) gives the mapper's bytes for every node class it
 * writes (the number classes the random round trip does not make: short, float, decimal), and a
 * tree holding a node only the mapper writes (binary, POJO, a node subclass) is written whole by
 * the mapper instead, also with the mapper's bytes, in single messages and in batches.
 */
class PlainTreesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private final JacksonJsonRpcCodec codec = JacksonJsonRpcCodec.INSTANCE;

  @Test
  void everyNodeClassItWritesGivesTheMappersBytes() {
    ObjectNode tree = NODES.objectNode();
    tree.put("short", (short) -7);
    tree.put("float", 1.25e-3f);
    tree.put("floatBig", 3.4e38f);
    tree.put("decimal", new BigDecimal("1234567890.0987654321e-40"));
    tree.put("decimalPlain", new BigDecimal("10.50"));
    tree.put("bigInteger", new BigInteger("-123456789012345678901234567890"));
    tree.put("double", -0.0);
    tree.put("int", 0);
    tree.put("long", Long.MIN_VALUE);
    tree.put("string", "é\u2028\"\\");
    tree.put("bool", false);
    tree.putNull("null");
    tree.putArray("array").add(1).addNull().add("x").addObject();
    tree.putObject("empty");

    assertSameAsMapper(tree);
  }

  @Test
  void aNodeOnlyTheMapperWritesSendsTheWholeMessageToTheMapper() {
    ObjectNode binary = NODES.objectNode();
    binary.put("first", "written before the binary node");
    binary.put("bytes", new byte[] {0, 1, 2, (byte) 255});
    assertSameAsMapper(binary);

    ObjectNode pojo = NODES.objectNode();
    pojo.putPOJO("pojo", Map.of("a", List.of(1, 2)));
    assertSameAsMapper(pojo);

    ObjectNode subclass = NODES.objectNode();
    subclass.putArray("deep").addObject().set("custom", new ObjectNode(NODES) {});
    assertSameAsMapper(subclass);
  }

  private void assertSameAsMapper(ObjectNode tree) {
    List<JsonRpcMessage> messages =
        List.of(
            new JsonRpcResponse(RequestId.of(7), tree),
            new JsonRpcRequest(RequestId.of("r"), "tools/call", tree),
            new JsonRpcNotification("notifications/message", tree),
            new JsonRpcErrorResponse(RequestId.of(8), new JsonRpcError(-32000, "failed", tree)));
    for (JsonRpcMessage message : messages) {
      assertThat(new String(codec.encode(message), java.nio.charset.StandardCharsets.UTF_8))
          .as(message.toString())
          .isEqualTo(mapperBytes(message));
    }
    StringBuilder batch = new StringBuilder("[");
    for (JsonRpcMessage message : messages) {
      batch.append(batch.length() > 1 ? "," : "").append(mapperBytes(message));
    }
    assertThat(new String(codec.encodeBatch(messages), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(batch.append(']').toString());
  }

  /** The message as the mapper writes its envelope tree (members in the codec's order). */
  private static String mapperBytes(JsonRpcMessage message) {
    ObjectNode envelope = NODES.objectNode();
    envelope.put("jsonrpc", "2.0");
    switch (message) {
      case JsonRpcRequest r -> {
        id(envelope, r.id());
        envelope.put("method", r.method());
        envelope.set("params", r.params());
      }
      case JsonRpcNotification n -> {
        envelope.put("method", n.method());
        envelope.set("params", n.params());
      }
      case JsonRpcResponse r -> {
        id(envelope, r.id());
        envelope.set("result", r.result());
      }
      case JsonRpcErrorResponse e -> {
        id(envelope, e.id());
        ObjectNode error = envelope.putObject("error");
        error.put("code", e.error().code());
        error.put("message", e.error().message());
        error.set("data", e.error().data());
      }
    }
    return JacksonJsonRpcCodec.MAPPER.writeValueAsString(envelope);
  }

  private static void id(ObjectNode envelope, RequestId id) {
    switch (id) {
      case RequestId.Text t -> envelope.put("id", t.value());
      case RequestId.Number n -> envelope.put("id", n.value());
    }
  }
}
