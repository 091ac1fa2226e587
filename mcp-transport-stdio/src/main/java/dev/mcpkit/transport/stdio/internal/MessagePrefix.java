package dev.mcpkit.transport.stdio.internal;

import dev.mcpkit.api.jsonrpc.RequestId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the first bytes of a message too long to read ({@link LineReader.Line#oversize()}) tell: its
 * id, and whether it is a request or a response, as far as they come before the member that made it
 * too long. JSON-RPC writers put {@code jsonrpc}, {@code id} and {@code method} before {@code
 * params}, {@code result} or {@code error} (mcpkit's, the official SDKs'), so the id is usually
 * there, and the one waiting for that message can be told at once instead of at its timeout. When
 * the first bytes do not say, nothing is known and the message is only skipped.
 *
 * @param id the message's id, or {@code null} if its first bytes hold none
 * @param kind what the message is, as far as its first bytes say
 */
record MessagePrefix(@Nullable RequestId id, Kind kind) {

  /** What a message is. */
  enum Kind {
    /** It has a {@code method}: a request (with an id) or a notification. */
    REQUEST,
    /** It has a {@code result} or an {@code error}: an answer. */
    RESPONSE,
    /** Its first bytes do not say. */
    UNKNOWN
  }

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Nothing known. */
  private static final MessagePrefix UNKNOWN = new MessagePrefix(null, Kind.UNKNOWN);

  /**
   * Reads the top-level members of a message's first bytes until its kind and id are known or the
   * bytes end.
   *
   * @param bytes the first bytes of the message
   * @param length how many of them
   * @return what they say; never throws
   */
  static MessagePrefix of(byte[] bytes, int length) {
    RequestId id = null;
    Kind kind = Kind.UNKNOWN;
    try (JsonParser parser = MAPPER.createParser(bytes, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return UNKNOWN;
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.PROPERTY_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (name) {
          case "id" -> id = idOf(parser, value);
          case "method" -> kind = Kind.REQUEST;
          case "result", "error" -> kind = kind == Kind.REQUEST ? kind : Kind.RESPONSE;
          default -> {
            // jsonrpc, or a member of no interest
          }
        }
        if (id != null && kind != Kind.UNKNOWN) {
          return new MessagePrefix(id, kind);
        }
        parser.skipChildren(); // the end of the bytes, inside a long value, ends the loop
      }
    } catch (JacksonException e) {
      // The bytes ended (or are not JSON): what was read so far is all there is.
    }
    return new MessagePrefix(id, kind);
  }

  private static @Nullable RequestId idOf(JsonParser parser, @Nullable JsonToken value) {
    if (value == JsonToken.VALUE_STRING) {
      return RequestId.of(parser.getString());
    }
    if (value == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return RequestId.of(parser.getLongValue());
    }
    return null;
  }
}
