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
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pins every validation branch of {@link JacksonJsonRpcCodec#parse} (the error code and the exact
 * message a client sees) and the exact bytes {@link JacksonJsonRpcCodec#encode} writes.
 */
class JacksonJsonRpcCodecTest {
  private static final String NOT_JSON = "Parse error: body is not valid JSON";
  private static final String EMPTY = "Parse error: body is empty";
  private static final String NOT_A_MESSAGE = "Invalid Request: not a JSON-RPC 2.0 message";
  private static final String BAD_ELEMENT =
      "Invalid Request: a batch element is not a JSON-RPC 2.0 message";
  private static final String EMPTY_BATCH = "Invalid Request: empty batch";

  private final JacksonJsonRpcCodec codec = JacksonJsonRpcCodec.INSTANCE;

  /** Parses {@code json} from the middle of a larger array, so offset and length are honoured. */
  private ParsedBody parse(String json) {
    byte[] inner = json.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[inner.length + 4];
    bytes[0] = '[';
    bytes[1] = ' ';
    System.arraycopy(inner, 0, bytes, 2, inner.length);
    bytes[bytes.length - 2] = '}';
    bytes[bytes.length - 1] = 'x';
    return codec.parse(bytes, 2, inner.length);
  }

  private List<JsonRpcMessage> messages(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Messages.class);
    return ((ParsedBody.Messages) parsed).messages();
  }

  private JsonRpcMessage single(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Messages.class);
    assertThat(((ParsedBody.Messages) parsed).batch()).isFalse();
    return ((ParsedBody.Messages) parsed).messages().getFirst();
  }

  private JsonRpcError error(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).as(json).isInstanceOf(ParsedBody.Malformed.class);
    JsonRpcError error = ((ParsedBody.Malformed) parsed).error();
    assertThat(error.data()).isNull();
    return error;
  }

  private static JsonNode tree(String json) {
    return JacksonJsonRpcCodec.MAPPER.readTree(json);
  }

  private String encoded(JsonRpcMessage message) {
    return new String(codec.encode(message), StandardCharsets.UTF_8);
  }

  // ---- parse: well-formed messages ----

  @Test
  void parsesRequestsWithStringAndNumberIds() {
    assertThat(messages("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}"))
        .containsExactly(new JsonRpcRequest(RequestId.of("a"), "ping", null));
    JsonRpcRequest numbered =
        (JsonRpcRequest)
            messages("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":{}}")
                .getFirst();
    assertThat(numbered.id()).isEqualTo(RequestId.of(7));
    assertThat(numbered.params().isObject()).isTrue();
  }

  @Test
  void parsesIdsAcrossTheLongRangeAndEmptyStrings() {
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":9223372036854775807,\"method\":\"m\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(Long.MAX_VALUE), "m", null));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775808,\"method\":\"m\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(Long.MIN_VALUE), "m", null));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":-0,\"method\":\"m\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(0), "m", null));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":\"\",\"method\":\"m\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(""), "m", null));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"method\":\"m\"}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of("7"), "m", null));
  }

  @Test
  void parsesNotificationsResponsesAndErrors() {
    assertThat(
            messages("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").getFirst())
        .isEqualTo(new JsonRpcNotification("notifications/initialized", null));
    assertThat(messages("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}").getFirst())
        .isInstanceOf(JsonRpcResponse.class);
    JsonRpcErrorResponse error =
        (JsonRpcErrorResponse)
            messages("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-1,\"message\":\"no\"}}")
                .getFirst();
    assertThat(error.id()).isNull();
    assertThat(error.error().code()).isEqualTo(-1);
  }

  @Test
  void fieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() {
    assertThat(
            single(
                "{\"params\":{\"a\":[1,{\"b\":null}]},\"extra\":{\"deep\":[[{}],\"x\",1.5,true]},"
                    + "\"method\":\"m\",\"id\":\"q\",\"jsonrpc\":\"2.0\",\"more\":null}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of("q"), "m", tree("{\"a\":[1,{\"b\":null}]}")));
    assertThat(single("{\"result\":{\"r\":1},\"id\":3,\"jsonrpc\":\"2.0\"}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(3), tree("{\"r\":1}")));
    assertThat(
            single(
                "{\"error\":{\"x\":[1],\"message\":\"m\",\"code\":5},\"jsonrpc\":\"2.0\",\"id\":\"e\"}"))
        .isEqualTo(new JsonRpcErrorResponse(RequestId.of("e"), JsonRpcError.of(5, "m")));
  }

  @Test
  void aMethodMakesARequestEvenBesideAResultOrError() {
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"result\":{},\"error\":7}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of(1), "m", null));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"result\":[]}"))
        .isEqualTo(new JsonRpcNotification("n", null));
  }

  @Test
  void notificationParamsAreKept() {
    assertThat(single("{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":{}}"))
        .isEqualTo(new JsonRpcNotification("n", tree("{}")));
  }

  @Test
  void errorsKeepTheirDataAndAMissingOrNullIdBecomesNull() {
    assertThat(
            single(
                "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"bad\",\"data\":[1,\"two\"]}}"))
        .isEqualTo(
            new JsonRpcErrorResponse(null, new JsonRpcError(-32600, "bad", tree("[1,\"two\"]"))));
    JsonRpcErrorResponse nullData =
        (JsonRpcErrorResponse)
            single(
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":1,\"message\":\"m\",\"data\":null}}");
    assertThat(nullData.error().data()).isNotNull();
    assertThat(nullData.error().data().isNull()).isTrue();
    assertThat(
            single(
                "{\"jsonrpc\":\"2.0\",\"id\":2147483647,\"error\":{\"code\":-2147483648,\"message\":\"\"}}"))
        .isEqualTo(
            new JsonRpcErrorResponse(
                RequestId.of(Integer.MAX_VALUE), JsonRpcError.of(Integer.MIN_VALUE, "")));
  }

  @Test
  void duplicateKeysKeepTheLastValue() {
    assertThat(
            single(
                "{\"jsonrpc\":\"1.0\",\"jsonrpc\":\"2.0\",\"method\":7,\"method\":\"m\",\"id\":1,\"id\":\"x\","
                    + "\"params\":[1],\"params\":{\"a\":1,\"a\":2}}"))
        .isEqualTo(new JsonRpcRequest(RequestId.of("x"), "m", tree("{\"a\":2}")));
    assertThat(single("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[],\"result\":{\"ok\":true}}"))
        .isEqualTo(new JsonRpcResponse(RequestId.of(1), tree("{\"ok\":true}")));
    assertThat(
            error("{\"jsonrpc\":\"2.0\",\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\"}").message())
        .isEqualTo(NOT_A_MESSAGE);
    assertThat(error("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":null,\"method\":\"m\"}").message())
        .isEqualTo(NOT_A_MESSAGE);
  }

  @Test
  void duplicateKeysInsideParamsKeepTheFirstPosition() {
    JsonRpcRequest request =
        (JsonRpcRequest)
            single(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":1,\"b\":2,\"a\":3}}");

    assertThat(request.params().propertyNames()).containsExactly("a", "b");
    assertThat(request.params().get("a").intValue()).isEqualTo(3);
  }

  @Test
  void stringsAreUnescaped() {
    JsonRpcRequest request =
        (JsonRpcRequest)
            single(
                "{\"jsonrpc\":\"2\\u002e0\",\"id\":\"\\u00e9\\n\\\"\",\"method\":\"caf\u00e9/\\ud83d\\ude00\","
                    + "\"params\":{\"t\":\"\\t\\\\\"}}");

    assertThat(request.id()).isEqualTo(RequestId.of("\u00e9\n\""));
    assertThat(request.method()).isEqualTo("caf\u00e9/\ud83d\ude00");
    assertThat(request.params().get("t").stringValue()).isEqualTo("\t\\");
  }

  @Test
  void parsesBatchesInOrder() {
    ParsedBody parsed =
        parse(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"},{\"jsonrpc\":\"2.0\",\"method\":\"b\"}]");

    assertThat(parsed)
        .isEqualTo(
            new ParsedBody.Messages(
                List.of(
                    new JsonRpcRequest(RequestId.of(1), "a", null),
                    new JsonRpcNotification("b", null)),
                true));
  }

  @Test
  void aBatchOfOneIsStillABatch() {
    assertThat(parse(" [ {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} ] "))
        .isEqualTo(
            new ParsedBody.Messages(
                List.of(new JsonRpcResponse(RequestId.of(1), tree("{}"))), true));
  }

  @Test
  void surroundingWhitespaceIsAllowed() {
    assertThat(single(" \r\n\t{\"jsonrpc\":\"2.0\",\"method\":\"n\"}\n "))
        .isEqualTo(new JsonRpcNotification("n", null));
  }

  // ---- parse: not JSON ----

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\r\n\t "})
  void anEmptyBodyIsAParseError(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message()).isEqualTo(EMPTY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{",
        "{\"jsonrpc\":\"2.0\",",
        "nul",
        "}",
        "]",
        "[",
        "[{}",
        "{}}",
        "{}]",
        "[]]",
        "{\"jsonrpc\":\"2.0\" \"method\":\"m\"}",
        "{'jsonrpc':'2.0'}",
        "{jsonrpc:\"2.0\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",}",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"m\"},]",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}//c",
        "/*c*/{\"jsonrpc\":\"2.0\",\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":01,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":NaN,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\\x\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\u0001\"}"
      })
  void invalidJsonIsAParseError(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message()).isEqualTo(NOT_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"} x",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"} {\"jsonrpc\":\"2.0\",\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}{}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"} 1",
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\"} null",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"m\"}] []",
        "1 2",
        "\"a\" \"b\"",
        "[] x"
      })
  void anythingAfterTheRootValueIsAParseError(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message()).isEqualTo(NOT_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // the shape is already wrong before the JSON breaks: still a parse error
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"m\",\"x\":[}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\",\"params\":{\"a\":}}",
        "[7,{\"jsonrpc\":\"2.0\",\"method\":\"m\"},{]",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"m\"}] trailing",
        "42 ]"
      })
  void brokenJsonWinsOverAWrongShape(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message()).isEqualTo(NOT_JSON);
  }

  @Test
  void invalidUtf8IsAParseErrorEvenInAnIgnoredField() {
    byte[] bytes =
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":\"a\u00e9b\"}"
            .getBytes(StandardCharsets.UTF_8);
    int e9 = indexOf(bytes, (byte) 0xC3);
    bytes[e9 + 1] = 'z'; // a lead byte followed by no continuation byte

    ParsedBody parsed = codec.parse(bytes, 0, bytes.length);

    assertThat(parsed)
        .isEqualTo(new ParsedBody.Malformed(JsonRpcError.of(JsonRpcError.PARSE_ERROR, NOT_JSON)));
  }

  @Test
  void nestingBeyondTheParserLimitIsAParseErrorEvenInAnIgnoredField() {
    String deep = "[".repeat(5_000) + "]".repeat(5_000);

    JsonRpcError error = error("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":" + deep + "}");

    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message())
        .isEqualTo("Parse error: body exceeds nesting deeper than 128 levels");
  }

  @Test
  void aNumberLongerThanTheParserLimitIsAParseErrorEvenInAnIgnoredField() {
    String digits = "1".repeat(101);
    String tooLong = "Parse error: body exceeds a number longer than 100 characters";

    assertThat(error("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":[" + digits + "]}").message())
        .isEqualTo(tooLong);
    assertThat(
            error("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":{\"y\":0." + digits + "}}")
                .message())
        .isEqualTo(tooLong);
    assertThat(single("{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":" + "1".repeat(100) + "}"))
        .isEqualTo(new JsonRpcNotification("m", null));
  }

  @Test
  void nestingWithinTheParserLimitIsAccepted() {
    String deep = "[".repeat(100) + "]".repeat(100);

    assertThat(
            single(
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"x\":"
                    + deep
                    + ",\"params\":{\"p\":"
                    + deep
                    + "}}"))
        .isEqualTo(new JsonRpcNotification("m", tree("{\"p\":" + deep + "}")));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  // ---- parse: JSON, but not JSON-RPC ----

  @Test
  void anEmptyBatchIsAnInvalidRequest() {
    JsonRpcError error = error(" [ ] ");

    assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(error.message()).isEqualTo(EMPTY_BATCH);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42",
        "-1.5",
        "\"ping\"",
        "null",
        "true",
        "false",
        "{}",
        "{\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":null,\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":[\"2.0\"],\"id\":1,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0 \",\"id\":1,\"method\":\"ping\"}",
        // requests
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1e2,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775808,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":-9223372036854775809,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{\"m\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":[1]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"p\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":3}",
        "{\"jsonrpc\":\"2.0\",\"method\":null}",
        // neither method, result nor error
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\"}",
        // responses
        "{\"jsonrpc\":\"2.0\",\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"ok\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null,\"error\":{\"code\":1,\"message\":\"x\"}}",
        // errors
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":null}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"boom\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1.5,\"message\":\"x\"}}",
        // codes outside the int range (they used to escape parse() as an exception)
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":2147483648,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-2147483649,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":123456789012345678901234567890,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":\"1\",\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":null,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":2}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1,\"message\":null}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"error\":{\"code\":1,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":true,\"error\":{\"code\":1,\"message\":\"x\"}}",
        "{\"jsonrpc\":\"2.0\",\"id\":[],\"error\":{\"code\":1,\"message\":\"x\"}}"
      })
  void wrongShapesAreInvalidRequests(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(error.message()).isEqualTo(NOT_A_MESSAGE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"},7]",
        "[7,{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\"}]",
        "[null]",
        "[[]]",
        "[[{\"jsonrpc\":\"2.0\",\"method\":\"a\"}]]",
        "[\"x\"]",
        "[{}]",
        "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"},{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"b\"}]"
      })
  void aBadBatchElementIsAnInvalidRequest(String body) {
    JsonRpcError error = error(body);

    assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(error.message()).isEqualTo(BAD_ELEMENT);
  }

  // ---- encode ----

  @Test
  void encodesEveryKindAndRoundTrips() {
    List<JsonRpcMessage> all =
        messages(
            "[{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"m\",\"params\":{\"a\":1}},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"n\"},{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"ok\":true}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32601,\"message\":\"nope\",\"data\":{\"d\":1}}}]");

    byte[] batch = codec.encodeBatch(all);

    assertThat(messages(new String(batch, StandardCharsets.UTF_8))).isEqualTo(all);
  }

  @Test
  void encodesAnErrorWithoutIdAsNullId() {
    byte[] bytes = codec.encode(new JsonRpcErrorResponse(null, JsonRpcError.of(-32600, "bad")));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad\"}}");
  }

  @Test
  void encodesRequestsWithTheirFieldsInOrder() {
    assertThat(
            encoded(
                new JsonRpcRequest(
                    RequestId.of("r1"),
                    "tools/call",
                    tree("{\"name\":\"echo\",\"arguments\":{\"m\":[1,2.5,null,true]}}"))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"m\":[1,2.5,null,true]}}}");
    assertThat(encoded(new JsonRpcRequest(RequestId.of(-7), "ping", null)))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":-7,\"method\":\"ping\"}");
    assertThat(encoded(new JsonRpcRequest(RequestId.of(Long.MAX_VALUE), "ping", tree("{}"))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775807,\"method\":\"ping\",\"params\":{}}");
  }

  @Test
  void encodesNotificationsWithAndWithoutParams() {
    assertThat(encoded(new JsonRpcNotification("notifications/initialized", null)))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(
            encoded(
                new JsonRpcNotification(
                    "notifications/progress", tree("{\"progress\":1,\"total\":2}"))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progress\":1,\"total\":2}}");
  }

  @Test
  void encodesNodesThatAreNotObjectsAsTheyAre() {
    assertThat(encoded(new JsonRpcNotification("n", tree("null"))))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":null}");
    assertThat(encoded(new JsonRpcResponse(RequestId.of(1), tree("[1]"))))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1]}");
  }

  @Test
  void encodesResponsesAndErrorsWithData() {
    assertThat(
            encoded(
                new JsonRpcResponse(
                    RequestId.of("a"),
                    tree("{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"isError\":false}"))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"isError\":false}}");
    assertThat(
            encoded(
                new JsonRpcErrorResponse(
                    RequestId.of(9),
                    new JsonRpcError(-32602, "bad params", tree("{\"field\":\"x\"}")))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32602,\"message\":\"bad params\",\"data\":{\"field\":\"x\"}}}");
    assertThat(
            encoded(
                new JsonRpcErrorResponse(RequestId.of(9), new JsonRpcError(1, "m", tree("null")))))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":1,\"message\":\"m\",\"data\":null}}");
  }

  @Test
  void encodesStringsAsUtf8WithJsonEscapes() {
    ObjectNode params =
        JacksonJsonRpcCodec.NODES
            .objectNode()
            .put("s", "\u00e9\ud83d\ude00\"\\/\n\t\u0001\u007f\u2028</");

    byte[] bytes =
        codec.encode(new JsonRpcRequest(RequestId.of("\u00e9\"\n"), "caf\u00e9", params));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":\"\u00e9\\\"\\n\",\"method\":\"caf\u00e9\","
                + "\"params\":{\"s\":\"\u00e9\ud83d\ude00\\\"\\\\/\\n\\t\\u0001\u007f\u2028</\"}}");
  }

  @Test
  void encodesBatchesAsAnArrayInOrder() {
    byte[] bytes =
        codec.encodeBatch(
            List.of(
                new JsonRpcResponse(RequestId.of(1), tree("{}")),
                new JsonRpcErrorResponse(
                    RequestId.of("b"), JsonRpcError.of(-32601, "Method not found"))));

    assertThat(new String(bytes, StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"b\",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}]");
    assertThat(new String(codec.encodeBatch(List.of()), StandardCharsets.UTF_8)).isEqualTo("[]");
  }
}
