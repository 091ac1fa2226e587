package dev.mcpkit.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.ParsedBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of the codec with hostile bodies: valid messages mutated byte by byte (flips,
 * cuts, repeats, insertions of deep nesting, long numbers and strings, invalid UTF-8). Every input
 * must come back as messages or as a parse/Invalid Request error, never as an exception; and what
 * was read must encode and read back to the same messages. The seed is printed in the failure
 * message, so a failing input can be replayed.
 */
class HostileInputFuzzTest {
  private static final long SEED = 0x6d63706b6974L; // "mcpkit"
  private static final int CASES = 20_000;
  private static final List<String> SEEDS =
      List.of(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
              + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
          "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
              + "\"arguments\":{\"text\":\"h\\u00e9llo\",\"n\":[1,2.5e3,-7,true,null]}}}",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
          "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"},{\"jsonrpc\":\"2.0\",\"id\":3,"
              + "\"result\":{}}]",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"m\",\"data\":{}}}");
  private static final List<String> INSERTS =
      List.of(
          "[".repeat(300),
          "{\"a\":".repeat(200),
          "9".repeat(500),
          "\"" + "x".repeat(5_000) + "\"",
          "\\u0000",
          "\\ud800",
          ",,",
          "}",
          "]",
          "null",
          "1e999999",
          "-",
          "\"",
          "\\");

  @Test
  void everyHostileBodyIsReadOrRefusedWithAJsonRpcError() {
    Random random = new Random(SEED);
    int read = 0;
    int refused = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] body = mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
      ParsedBody parsed;
      try {
        parsed = JacksonJsonRpcCodec.INSTANCE.parse(body, 0, body.length);
      } catch (RuntimeException e) {
        throw new AssertionError("case " + i + " (seed " + SEED + ") threw for: " + show(body), e);
      }
      switch (parsed) {
        case ParsedBody.Malformed malformed -> {
          refused++;
          assertThat(malformed.error().code())
              .as("case %d: %s", i, show(body))
              .isIn(JsonRpcError.PARSE_ERROR, JsonRpcError.INVALID_REQUEST);
          assertThat(malformed.error().message()).doesNotContain("tools.jackson", "Exception");
        }
        case ParsedBody.Messages messages -> {
          read++;
          assertRoundTrips(messages, i, body);
        }
      }
    }
    assertThat(read).as("mutations that still read").isPositive();
    assertThat(refused).as("mutations that were refused").isPositive();
  }

  private static void assertRoundTrips(ParsedBody.Messages messages, int i, byte[] body) {
    byte[] again =
        messages.batch()
            ? JacksonJsonRpcCodec.INSTANCE.encodeBatch(messages.messages())
            : JacksonJsonRpcCodec.INSTANCE.encode(messages.messages().getFirst());
    ParsedBody reread = JacksonJsonRpcCodec.INSTANCE.parse(again, 0, again.length);
    assertThat(reread).as("case %d: %s", i, show(body)).isInstanceOf(ParsedBody.Messages.class);
    List<JsonRpcMessage> rereadMessages = ((ParsedBody.Messages) reread).messages();
    assertThat(rereadMessages).as("case %d: %s", i, show(body)).isEqualTo(messages.messages());
  }

  private static byte[] mutate(Random random, String seed) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      bytes =
          switch (random.nextInt(6)) {
            case 0 -> flip(bytes, at, random);
            case 1 -> java.util.Arrays.copyOf(bytes, at); // cut short
            case 2 -> splice(bytes, at, slice(bytes, random)); // repeat a piece
            case 3 ->
                splice(
                    bytes,
                    at,
                    INSERTS.get(random.nextInt(INSERTS.size())).getBytes(StandardCharsets.UTF_8));
            case 4 -> splice(bytes, at, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
            default -> bytes; // unchanged: the seed itself must read
          };
    }
    return bytes;
  }

  private static byte[] flip(byte[] bytes, int at, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    byte[] copy = bytes.clone();
    copy[at] = (byte) random.nextInt(256);
    return copy;
  }

  private static byte[] slice(byte[] bytes, Random random) {
    if (bytes.length == 0) {
      return bytes;
    }
    int from = random.nextInt(bytes.length);
    int to = Math.min(bytes.length, from + 1 + random.nextInt(20));
    return java.util.Arrays.copyOfRange(bytes, from, to);
  }

  private static byte[] splice(byte[] bytes, int at, byte[] piece) {
    byte[] out = new byte[bytes.length + piece.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(bytes, at, out, at + piece.length, bytes.length - at);
    return out;
  }

  private static String show(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + body.length + " bytes)";
  }
}
