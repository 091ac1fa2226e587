package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.ParsedBody;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonJsonRpcCodecTest {
  private final JacksonJsonRpcCodec codec = JacksonJsonRpcCodec.INSTANCE;

  private ParsedBody parse(String json) {
    byte[] bytes = ("  " + json).getBytes(StandardCharsets.UTF_8);
    return codec.parse(bytes, 2, bytes.length - 2);
  }

  private List<JsonRpcMessage> messages(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Messages.class);
    return ((ParsedBody.Messages) parsed).messages();
  }

  private int errorCode(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Malformed.class);
    return ((ParsedBody.Malformed) parsed).error().code();
  }

  @Test
  void parsesRequestsWithStringAndNumberIds() {
    assertThat(messages("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}"))
        .containsExactly(new JsonRpcRequest(RequestId.of("a"), "ping", null));
    JsonRpcRequest numbered = (JsonRpcRequest) messages("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}").getFirst();
    assertThat(numbered.id()).isEqualTo(RequestId.of(7));
    assertThat(numbered.params().isObject()).isTrue();
  }

  @Test
  void parsesNotificationsResponsesAndErrors() {
    assertThat(messages("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").getFirst())
        .isEqualTo(new JsonRpcNotification("notifications/initialized", null));
    assertThat(messages("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").getFirst()).isInstanceOf(JsonRpcResponse.class);
    JsonRpcErrorResponse error = (JsonRpcErrorResponse) messages(
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-1,\"message\":\"no\"}}").getFirst();
    assertThat(error.id()).isNull();
    assertThat(error.error().code()).isEqualTo(-1);
  }

  @Test
  void parsesBatchesInOrder() {
    ParsedBody parsed = parse("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"},{\"jsonrpc\":\"2.0\",\"method\":\"b\"}]");

    assertThat(parsed).isEqualTo(new ParsedBody.Messages(List.of(
        new JsonRpcRequest(RequestId.of(1), "a", null), new JsonRpcNotification("b", null)), true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "{\"jsonrpc\":\"2.0\",", "", "nul"})
  void invalidJsonIsAParseError(String body) {
    assertThat(errorCode(body)).isEqualTo(JsonRpcError.PARSE_ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]", "42", "\"ping\"",
      "{\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}",
      "{\"jsonrpc\":\"2.0\",\"id\":1}",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
      "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"},7]"
  })
  void wrongShapesAreInvalidRequests(String body) {
    assertThat(errorCode(body)).isEqualTo(JsonRpcError.INVALID_REQUEST);
  }

  @Test
  void encodesEveryKindAndRoundTrips() {
    List<JsonRpcMessage> all = messages("[{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"m\",\"params\":{\"a\":1}},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"},{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"ok\":true}},"
        + "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"nope\",\"data\":{\"d\":1}}}]");

    byte[] batch = codec.encodeBatch(all);

    assertThat(messages(new String(batch, StandardCharsets.UTF_8))).isEqualTo(all);
  }

  @Test
  void encodesAnErrorWithoutIdAsNullId() {
    byte[] bytes = codec.encode(new JsonRpcErrorResponse(null, JsonRpcError.of(-32600, "bad")));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad\"}}");
  }
}
