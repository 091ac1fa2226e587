package dev.mcpkit.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Pins {@link JsonRpcCodecs#readLeniently}, from text and from bytes alike, the client's reading of
 * what a server sends: the rules of the tree-walking decoder the client had before it shared the
 * engine's codec, including where they are more lenient than the engine's parse.
 */
class LenientReadingTest {
  private static JsonNode tree(String json) {
    return JsonRpcCodecs.mapper().readTree(json);
  }

  /** Reads the text from a string, and its UTF-8 bytes from the middle of a larger array. */
  private static List<JsonRpcMessage> read(String json) throws MalformedMessageException {
    List<JsonRpcMessage> fromText = JsonRpcCodecs.readLeniently(json);
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] padded = new byte[utf8.length + 7];
    Arrays.fill(padded, (byte) '}');
    System.arraycopy(utf8, 0, padded, 3, utf8.length);
    assertThat(JsonRpcCodecs.readLeniently(padded, 3, utf8.length)).isEqualTo(fromText);
    return fromText;
  }

  private static JsonRpcMessage single(String json) throws MalformedMessageException {
    List<JsonRpcMessage> messages = read(json);
    assertThat(messages).hasSize(1);
    return messages.getFirst();
  }

  @Test
  void readsWhatAConformingServerSends() throws MalformedMessageException {
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tools\":[]}}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("{\"tools\":[]}")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"ping\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of("s-1"), "ping", null));
    assertThat(
            single(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                    + "\"params\":{\"progress\":1}}"))
        .isEqualTo(new JsonRpcNotification("notifications/progress", tree("{\"progress\":1}")));
    assertThat(
            single(
                "{\"jsonrpc\":\"2.0\",\"id\":2,"
                    + "\"error\":{\"code\":-32601,\"message\":\"no\",\"data\":[1]}}"))
        .isEqualTo(
            new JsonRpcErrorResponse(RequestId.of(2), new JsonRpcError(-32601, "no", tree("[1]"))));
    assertThat(
            read(
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"}]"))
        .containsExactly(
            new JsonRpcResponse(RequestId.of(1), tree("{}")), new JsonRpcNotification("n", null));
  }

  @Test
  void doesNotCheckTheVersion() throws MalformedMessageException {
    assertThat(single("{\"id\":1,\"result\":{}}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("{}")));
    assertThat(single("{\"jsonrpc\":\"1.0\",\"method\":\"n\"}"))
        .isEqualTo(new JsonRpcNotification("n", null));
  }

  @Test
  void paramsAndResultsMayBeAnyValue() throws MalformedMessageException {
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("null")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1,\"a\"]}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("[1,\"a\"]")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"ok\"}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("\"ok\"")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[1]}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(1), "m", tree("[1]")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":null}"))
        .isEqualTo(new JsonRpcNotification("m", tree("null")));
  }

  @Test
  void anErrorIsReadWhateverItsShape() throws MalformedMessageException {
    assertThat(single("{\"id\":1,\"error\":{}}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of(1), JsonRpcError.of(-32603, "")));
    assertThat(single("{\"id\":null,\"error\":null}"))
        .isEqualTo(new JsonRpcErrorResponse(null, JsonRpcError.of(-32603, "")));
    assertThat(single("{\"error\":\"boom\"}"))
        .isEqualTo(new JsonRpcErrorResponse(null, JsonRpcError.of(-32603, "")));
    assertThat(single("{\"id\":1,\"error\":{\"code\":\"5\",\"message\":7}}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of(1), JsonRpcError.of(5, "7")));
    assertThat(single("{\"id\":1,\"error\":{\"code\":1.7,\"message\":null}}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of(1), JsonRpcError.of(1, "")));
    assertThat(single("{\"id\":1,\"error\":{\"code\":99999999999,\"message\":\"m\"}}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of(1), JsonRpcError.of(-32603, "m")));
  }

  @Test
  void aMethodWinsOverAnErrorAndAnErrorOverAResult() throws MalformedMessageException {
    assertThat(single("{\"id\":1,\"method\":\"m\",\"error\":{},\"result\":{}}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(1), "m", null));
    assertThat(single("{\"id\":1,\"result\":{},\"error\":{\"code\":3,\"message\":\"e\"}}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of(1), JsonRpcError.of(3, "e")));
  }

  @Test
  void aNullIdMakesANotificationAndAMethodThatIsNoStringIsNoMethod()
      throws MalformedMessageException {
    assertThat(single("{\"id\":null,\"method\":\"n\"}"))
        .isEqualTo(new JsonRpcNotification("n", null));
    assertThat(single("{\"id\":4,\"method\":5,\"result\":{}}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(4), tree("{}")));
  }

  @Test
  void aMemberNamedTwiceKeepsItsLastValue() throws MalformedMessageException {
    assertThat(single("{\"id\":true,\"id\":3,\"result\":{\"a\":1},\"result\":{\"a\":2}}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(3), tree("{\"a\":2}")));
  }

  @Test
  void anEmptyBatchIsNoMessages() throws MalformedMessageException {
    assertThat(read("[]")).isEmpty();
    assertThat(read(" [ ] ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "{",
        "nope",
        "{} x",
        "{}{}",
        "[{\"id\":1,\"result\":{}}] 2",
        "[{\"id\":1,\"result\":{}}",
        "[{\"id\":1,\"bad\":[}]",
        "7",
        "\"text\"",
        "null",
        "[1]",
        "[[{\"id\":1,\"result\":{}}]]",
        "[{\"id\":1,\"result\":{}}, 2]",
        "[{\"id\":1,\"result\":{}}, {}]",
        "{}",
        "{\"jsonrpc\":\"2.0\"}",
        "{\"result\":{}}",
        "{\"id\":null,\"result\":{}}",
        "{\"id\":1}",
        "{\"id\":1.5,\"result\":{}}",
        "{\"id\":1.0,\"method\":\"m\"}",
        "{\"id\":true,\"error\":{}}",
        "{\"id\":{},\"method\":\"m\"}",
        "{\"id\":[1],\"result\":{}}",
        "{\"id\":99999999999999999999,\"result\":{}}",
        "{\"method\":5}"
      })
  void whatIsNoMessageIsMalformed(String text) {
    assertThatThrownBy(() -> JsonRpcCodecs.readLeniently(text))
        .as(text)
        .isInstanceOf(MalformedMessageException.class)
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    byte[] padded = Arrays.copyOf(utf8, utf8.length + 4);
    Arrays.fill(padded, utf8.length, padded.length, (byte) ' ');
    assertThatThrownBy(() -> JsonRpcCodecs.readLeniently(padded, 0, utf8.length))
        .as("bytes of " + text)
        .isInstanceOf(MalformedMessageException.class);
  }

  @Test
  void aRangeOutsideTheArrayIsRefused() {
    byte[] body = "{\"id\":1,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JsonRpcCodecs.readLeniently(body, 2, body.length))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void bytesAreReadAsUtf8() throws MalformedMessageException {
    assertThat(single("{\"id\":1,\"result\":{\"text\":\"h\u00e9llo \u20ac \ud83d\ude00\"}}"))
        .isEqualTo(
            new JsonRpcResponse(
                RequestId.of(1), tree("{\"text\":\"h\u00e9llo \u20ac \ud83d\ude00\"}")));
  }
}
