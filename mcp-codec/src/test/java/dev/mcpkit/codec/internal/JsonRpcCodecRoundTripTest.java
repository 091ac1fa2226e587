package dev.mcpkit.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.ParsedBody;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property: for randomized messages (string and number ids across the long range, nested params,
 * unicode, characters JSON must escape), {@code parse(encode(m))} gives back {@code m}, and the
 * bytes are those of the envelope tree the codec used to build and hand to the mapper — compared
 * both as the trees the mapper reads from either and byte for byte. (The envelope tree itself is
 * not compared: it holds ids as {@code LongNode}s where a parse gives {@code IntNode}s.) The seeds
 * are fixed, so a failure names a reproducible case.
 */
class JsonRpcCodecRoundTripTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int CASES = 3_000;

  /** Characters that exercise the writer's escaping and the reader's unescaping and UTF-8. */
  private static final String TRICKY =
      "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080\u00e9\u00ff\u0100\u07ff\u0800"
          + "\u2028\u2029\ufeff\ufffd\uffff<>&'";

  private final JacksonJsonRpcCodec codec = JacksonJsonRpcCodec.INSTANCE;

  @Test
  void singleMessagesRoundTripAndMatchTheEnvelopeTree() {
    for (int seed = 0; seed < CASES; seed++) {
      JsonRpcMessage message = new Generator(new SplittableRandom(seed)).message();
      String description = "seed " + seed + ": " + message;

      byte[] bytes = codec.encode(message);

      assertThat(codec.parse(bytes, 0, bytes.length))
          .as(description)
          .isEqualTo(new ParsedBody.Messages(List.of(message), false));
      byte[] before = JacksonJsonRpcCodec.MAPPER.writeValueAsBytes(envelope(message));
      assertThat(JacksonJsonRpcCodec.MAPPER.readTree(bytes))
          .as(description)
          .isEqualTo(JacksonJsonRpcCodec.MAPPER.readTree(before));
      assertThat(bytes).as(description).isEqualTo(before);
    }
  }

  @Test
  void batchesRoundTripAndMatchTheEnvelopeTrees() {
    for (int seed = 0; seed < CASES / 10; seed++) {
      SplittableRandom random = new SplittableRandom(-1L - seed);
      Generator generator = new Generator(random);
      List<JsonRpcMessage> messages = new ArrayList<>();
      int size = 1 + random.nextInt(6);
      ArrayNode envelopes = NODES.arrayNode();
      for (int i = 0; i < size; i++) {
        JsonRpcMessage message = generator.message();
        messages.add(message);
        envelopes.add(envelope(message));
      }
      String description = "batch seed " + seed + ": " + messages;

      byte[] bytes = codec.encodeBatch(messages);

      assertThat(codec.parse(bytes, 0, bytes.length))
          .as(description)
          .isEqualTo(new ParsedBody.Messages(messages, true));
      byte[] before = JacksonJsonRpcCodec.MAPPER.writeValueAsBytes(envelopes);
      assertThat(JacksonJsonRpcCodec.MAPPER.readTree(bytes))
          .as(description)
          .isEqualTo(JacksonJsonRpcCodec.MAPPER.readTree(before));
      assertThat(bytes).as(description).isEqualTo(before);
    }
  }

  @Test
  void theGeneratorCoversEveryKindAndBothIdTypes() {
    Generator generator = new Generator(new SplittableRandom(42));
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      JsonRpcMessage message = generator.message();
      seen.add(message.getClass().getSimpleName());
      switch (message) {
        case JsonRpcRequest r -> seen.add(r.id().getClass().getSimpleName());
        case JsonRpcResponse r -> seen.add(r.id().getClass().getSimpleName());
        default -> {}
      }
    }

    assertThat(seen)
        .contains(
            "JsonRpcRequest",
            "JsonRpcNotification",
            "JsonRpcResponse",
            "JsonRpcErrorResponse",
            "Text",
            "Number");
  }

  /**
   * The envelope exactly as the tree codec built it before it wrote with a streaming generator: the
   * reference the bytes are compared with.
   */
  static ObjectNode envelope(JsonRpcMessage message) {
    ObjectNode node = NODES.objectNode();
    node.put("jsonrpc", JsonRpcMessage.VERSION);
    switch (message) {
      case JsonRpcRequest r -> {
        putId(node, r.id());
        node.put("method", r.method());
        if (r.params() != null) {
          node.set("params", r.params());
        }
      }
      case JsonRpcNotification n -> {
        node.put("method", n.method());
        if (n.params() != null) {
          node.set("params", n.params());
        }
      }
      case JsonRpcResponse r -> {
        putId(node, r.id());
        node.set("result", r.result());
      }
      case JsonRpcErrorResponse e -> {
        putId(node, e.id());
        ObjectNode error = node.putObject("error");
        error.put("code", e.error().code());
        error.put("message", e.error().message());
        if (e.error().data() != null) {
          error.set("data", e.error().data());
        }
      }
    }
    return node;
  }

  private static void putId(ObjectNode node, @Nullable RequestId id) {
    switch (id) {
      case null -> node.putNull("id");
      case RequestId.Text t -> node.put("id", t.value());
      case RequestId.Number n -> node.put("id", n.value());
    }
  }

  /**
   * Random messages whose JSON nodes are of the types the parser itself produces (an int-sized
   * integer is an {@code IntNode}, a larger one a {@code LongNode}, then a {@code BigIntegerNode};
   * fractions are doubles), so that equality after a round trip is exact.
   */
  private record Generator(SplittableRandom random) {

    JsonRpcMessage message() {
      return switch (random.nextInt(4)) {
        case 0 -> new JsonRpcRequest(id(), string(), random.nextBoolean() ? null : object(0));
        case 1 -> new JsonRpcNotification(string(), random.nextBoolean() ? null : object(0));
        case 2 -> new JsonRpcResponse(id(), object(0));
        default ->
            new JsonRpcErrorResponse(
                random.nextInt(4) == 0 ? null : id(),
                new JsonRpcError(
                    random.nextInt(), string(), random.nextBoolean() ? null : value(1)));
      };
    }

    private RequestId id() {
      return switch (random.nextInt(4)) {
        case 0 -> RequestId.of(string());
        case 1 -> RequestId.of(random.nextInt(1_000));
        case 2 -> RequestId.of(random.nextLong());
        default -> RequestId.of(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
      };
    }

    private ObjectNode object(int depth) {
      ObjectNode object = NODES.objectNode();
      int fields = random.nextInt(depth == 0 ? 6 : 4);
      for (int i = 0; i < fields; i++) {
        object.set(string(), value(depth + 1));
      }
      return object;
    }

    private JsonNode value(int depth) {
      int kinds = depth >= 4 ? 7 : 9;
      return switch (random.nextInt(kinds)) {
        case 0 -> NODES.nullNode();
        case 1 -> NODES.booleanNode(random.nextBoolean());
        case 2 -> NODES.numberNode(random.nextInt());
        case 3 ->
            NODES.numberNode(
                random.nextBoolean()
                    ? Integer.MAX_VALUE + 1L + random.nextLong(Long.MAX_VALUE - Integer.MAX_VALUE)
                    : Integer.MIN_VALUE - 1L - random.nextLong(Long.MAX_VALUE - Integer.MAX_VALUE));
        case 4 ->
            NODES.numberNode(
                BigInteger.valueOf(Long.MAX_VALUE)
                    .add(BigInteger.valueOf(1 + random.nextInt(1_000_000)))
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)));
        case 5 ->
            NODES.numberNode(
                random.nextBoolean()
                    ? random.nextDouble() * 1e6 - 5e5
                    : Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL));
        case 6 -> NODES.stringNode(string());
        case 7 -> {
          ArrayNode array = NODES.arrayNode();
          int elements = random.nextInt(4);
          for (int i = 0; i < elements; i++) {
            array.add(value(depth + 1));
          }
          yield array;
        }
        default -> object(depth);
      };
    }

    private String string() {
      int length = random.nextInt(12);
      StringBuilder text = new StringBuilder(length + 2);
      for (int i = 0; i < length; i++) {
        switch (random.nextInt(5)) {
          case 0 -> text.append(TRICKY.charAt(random.nextInt(TRICKY.length())));
          case 1 ->
              text.appendCodePoint(
                  0x10000 + random.nextInt(0x10FFFF - 0x10000 + 1)); // a surrogate pair
          case 2 -> {
            int c = random.nextInt(0xD800);
            text.append((char) c);
          }
          default -> text.append((char) ('a' + random.nextInt(26)));
        }
      }
      return text.toString();
    }
  }
}
