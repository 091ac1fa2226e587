package dev.mcpkit.codec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.transport.ParsedBody;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each limit of {@link JsonLimits}: a body just within it is read, one just beyond it is a parse
 * error whose message names the limit (and nothing of Jackson's).
 */
class JsonLimitsTest {

  private static ParsedBody parse(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return JacksonJsonRpcCodec.INSTANCE.parse(bytes, 0, bytes.length);
  }

  private static String notification(String params) {
    return "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":" + params + "}";
  }

  private static void assertRefused(String json, String message) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Malformed.class);
    JsonRpcError error = ((ParsedBody.Malformed) parsed).error();
    assertThat(error.code()).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(error.message()).isEqualTo(message);
  }

  private static void assertRead(String json) {
    ParsedBody parsed = parse(json);
    assertThat(parsed).isInstanceOf(ParsedBody.Messages.class);
    assertThat(((ParsedBody.Messages) parsed).messages().getFirst())
        .isInstanceOf(JsonRpcNotification.class);
  }

  @Test
  void nestingIsBoundedAt128Levels() {
    // The envelope object is level 1 and params level 2: 126 more arrays reach 128.
    assertRead(notification("{\"a\":" + "[".repeat(126) + "]".repeat(126) + "}"));
    assertRefused(
        notification("{\"a\":" + "[".repeat(127) + "]".repeat(127) + "}"),
        "Parse error: body exceeds nesting deeper than 128 levels");
  }

  @Test
  void numbersAreBoundedAt100Characters() {
    assertRead(notification("{\"n\":" + "9".repeat(100) + "}"));
    assertRefused(
        notification("{\"n\":" + "9".repeat(101) + "}"),
        "Parse error: body exceeds a number longer than 100 characters");
  }

  @Test
  void memberNamesAreBoundedAt1024Characters() {
    assertRead(notification("{\"" + "k".repeat(1_024) + "\":1}"));
    assertRefused(
        notification("{\"" + "k".repeat(1_025) + "\":1}"),
        "Parse error: body exceeds a member name longer than 1024 characters");
  }

  @Test
  void stringsAreBoundedAt32MebiCharacters() {
    String limit = "x".repeat(JsonLimits.MAX_STRING_LENGTH);
    assertRead(notification("{\"s\":\"" + limit + "\"}"));
    assertRefused(
        notification("{\"s\":\"" + limit + "x\"}"),
        "Parse error: body exceeds a string longer than "
            + JsonLimits.MAX_STRING_LENGTH
            + " characters");
  }

  @Test
  void tokensAreBoundedAtOneMillionPerBody() {
    // An array of n numbers is n + 2 tokens.
    assertRead(notification("{\"a\":[" + "0,".repeat(989_999) + "0]}"));
    assertRefused(
        notification("{\"a\":[" + "0,".repeat(1_000_000) + "0]}"),
        "Parse error: body exceeds more than 1000000 tokens");
  }

  @Test
  void aLimitInAnIgnoredMemberIsStillALimit() {
    assertRefused(
        "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"ignored\":"
            + "[".repeat(200)
            + "]".repeat(200)
            + "}",
        "Parse error: body exceeds nesting deeper than 128 levels");
  }
}
