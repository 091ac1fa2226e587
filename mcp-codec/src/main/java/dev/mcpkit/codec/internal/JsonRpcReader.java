package dev.mcpkit.codec.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.ParsedBody;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jackson.JsonNodeDeserializer;

/**
 * Reads a body into JSON-RPC messages in one pass of a streaming parser: the members of each
 * message object are read by name, and only {@code params}, {@code result} and {@code error} become
 * Jackson trees, built by Jackson's own node deserializer in the parser's deserialization context,
 * so they are the nodes {@code readTree} would give. Stateless and thread-safe; each call has its
 * own parser.
 *
 * <p>The answers are those of reading the whole body with {@code readTree} and then validating the
 * tree, which is what this replaced: the body is always read to its end before its shape is judged,
 * so broken JSON anywhere is a parse error even when an earlier member already made the message
 * invalid, and anything after the root value is broken JSON (the mapper fails on trailing tokens);
 * a member named twice keeps its last value, as in a tree. One difference remains, far beyond any
 * body the transport accepts: the value of a member the codec ignores is skipped, not buffered, so
 * the parser's limit on the length of one string (100 million characters) is not checked there.
 */
final class JsonRpcReader {
  private static final ParsedBody EMPTY =
      new ParsedBody.Malformed(
          JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: body is empty"));
  private static final ParsedBody NOT_JSON =
      new ParsedBody.Malformed(
          JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: body is not valid JSON"));
  private static final ParsedBody EMPTY_BATCH = invalid("empty batch");
  private static final ParsedBody BAD_ELEMENT =
      invalid("a batch element is not a JSON-RPC 2.0 message");
  private static final ParsedBody NOT_A_MESSAGE = invalid("not a JSON-RPC 2.0 message");

  /**
   * Builds one member's value as a tree. Called directly rather than through {@code
   * JsonParser.readValueAsTree()}, which in Jackson 3.3 looks the deserializer up again on every
   * call, introspecting {@code JsonNode}'s annotations (slower than {@code readTree} of the whole
   * body), or an {@code ObjectReader}, which makes a context per call; this one reads the mapper's
   * configuration from the parser's own context.
   */
  private static final ValueDeserializer<?> NODES =
      JsonNodeDeserializer.getDeserializer(JsonNode.class);

  private JsonRpcReader() {}

  static ParsedBody read(byte[] body, int offset, int length) {
    try (JsonParser parser = JacksonJsonRpcCodec.MAPPER.createParser(body, offset, length)) {
      JsonToken root = parser.nextToken();
      if (root == null) {
        return EMPTY;
      }
      ParsedBody parsed = root == JsonToken.START_ARRAY ? batch(parser) : single(parser, root);
      return parser.nextToken() == null ? parsed : NOT_JSON;
    } catch (JacksonException e) {
      StreamConstraintsException violation = JsonLimits.violation(e);
      return violation == null
          ? NOT_JSON
          : new ParsedBody.Malformed(
              JsonRpcError.of(JsonRpcError.PARSE_ERROR, JsonLimits.describe(violation)));
    }
  }

  private static ParsedBody single(JsonParser parser, JsonToken root) {
    if (root != JsonToken.START_OBJECT) {
      return NOT_A_MESSAGE; // a scalar: the parser stands on all of it
    }
    JsonRpcMessage message = message(parser);
    return message == null ? NOT_A_MESSAGE : new ParsedBody.Messages(List.of(message), false);
  }

  private static ParsedBody batch(JsonParser parser) {
    List<JsonRpcMessage> messages = new ArrayList<>();
    boolean allValid = true;
    for (JsonToken element = parser.nextToken();
        element != JsonToken.END_ARRAY;
        element = parser.nextToken()) {
      if (element == null) {
        return NOT_JSON; // the parser reports a truncated array itself; this only guards the loop
      }
      JsonRpcMessage message = null;
      if (element == JsonToken.START_OBJECT) {
        message = message(parser);
      } else {
        parser.skipChildren();
      }
      if (message == null) {
        allValid = false; // keep reading: broken JSON later on must still be a parse error
      } else {
        messages.add(message);
      }
    }
    if (!allValid) {
      return BAD_ELEMENT;
    }
    return messages.isEmpty() ? EMPTY_BATCH : new ParsedBody.Messages(messages, true);
  }

  /**
   * Reads the object the parser stands on (its {@code START_OBJECT}) up to its {@code END_OBJECT}.
   *
   * @return the message it stands for, or {@code null} if it is not a valid one
   */
  private static @Nullable JsonRpcMessage message(JsonParser parser) {
    boolean version = false;
    boolean hasMethod = false;
    boolean hasId = false;
    boolean hasParams = false;
    boolean hasResult = false;
    boolean hasError = false;
    boolean nullId = false;
    String method = null;
    RequestId id = null;
    JsonNode params = null;
    JsonNode result = null;
    JsonNode error = null;
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      JsonToken value = parser.nextToken();
      switch (name) {
        case "jsonrpc" -> version = value == JsonToken.VALUE_STRING && isVersion(parser);
        case "method" -> {
          hasMethod = true;
          method = value == JsonToken.VALUE_STRING ? MethodNames.read(parser) : null;
        }
        case "id" -> {
          hasId = true;
          nullId = value == JsonToken.VALUE_NULL;
          id = id(parser, value);
        }
        case "params" -> {
          hasParams = true;
          params = objectOrNull(parser, value);
        }
        case "result" -> {
          hasResult = true;
          result = objectOrNull(parser, value);
        }
        case "error" -> {
          hasError = true;
          error = objectOrNull(parser, value);
        }
        default -> {}
      }
      parser.skipChildren(); // a structured value no case read; a no-op after a tree or a scalar
    }
    if (!version) {
      return null;
    }
    if (hasMethod) {
      if (method == null || (hasParams && params == null)) {
        return null;
      }
      if (!hasId) {
        return new JsonRpcNotification(method, params);
      }
      return id == null ? null : new JsonRpcRequest(id, method, params);
    }
    if (hasResult && !hasError) {
      return id == null || result == null ? null : new JsonRpcResponse(id, result);
    }
    if (hasError && !hasResult) {
      return hasId && !nullId && id == null ? null : errorResponse(id, error);
    }
    return null;
  }

  private static @Nullable JsonRpcErrorResponse errorResponse(
      @Nullable RequestId id, @Nullable JsonNode error) {
    if (error == null) {
      return null;
    }
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    if (code == null
        || !code.isIntegralNumber()
        || !code.canConvertToInt()
        || message == null
        || !message.isString()) {
      return null;
    }
    return new JsonRpcErrorResponse(
        id, new JsonRpcError(code.intValue(), message.stringValue(), error.get("data")));
  }

  /** An id is a string or an integer that fits a {@code long}; anything else is no id. */
  static @Nullable RequestId id(JsonParser parser, JsonToken value) {
    if (value == JsonToken.VALUE_STRING) {
      return RequestId.of(parser.getString());
    }
    if (value == JsonToken.VALUE_NUMBER_INT
        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return RequestId.of(parser.getLongValue());
    }
    return null;
  }

  /** Compares the string the parser stands on with the version, without making a String of it. */
  private static boolean isVersion(JsonParser parser) {
    char[] chars = parser.getStringCharacters();
    int at = parser.getStringOffset();
    String version = JsonRpcMessage.VERSION;
    if (parser.getStringLength() != version.length()) {
      return false;
    }
    for (int i = 0; i < version.length(); i++) {
      if (chars[at + i] != version.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable JsonNode objectOrNull(JsonParser parser, JsonToken value) {
    if (value != JsonToken.START_OBJECT) {
      return null;
    }
    return tree(parser);
  }

  /**
   * Builds the value the parser stands on (any token of a value) as a tree, as {@code readTree}
   * would. The parser must come from {@code MAPPER.createParser}, which binds it to a {@code
   * DeserializationContext} of {@code MAPPER}.
   */
  static JsonNode tree(JsonParser parser) {
    return (JsonNode)
        NODES.deserialize(parser, (DeserializationContext) parser.objectReadContext());
  }

  private static ParsedBody invalid(String why) {
    return new ParsedBody.Malformed(
        JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request: " + why));
  }
}
