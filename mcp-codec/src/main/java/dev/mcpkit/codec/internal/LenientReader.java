package dev.mcpkit.codec.internal;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.codec.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * Reads what a server sends a client (an answer body or the data of an SSE event) with the client's
 * lenient rules, in one pass of the same streaming parser as {@link JsonRpcReader}: what a client
 * can make sense of is accepted even where {@link JsonRpcReader} would refuse it as a request to
 * the engine.
 *
 * <ul>
 *   <li>The {@code jsonrpc} member is not checked.
 *   <li>{@code params} and {@code result} may be any JSON value ({@code null} included), not only
 *       objects.
 *   <li>An {@code error} member wins over {@code result}; its {@code code} and {@code message} are
 *       read as {@code error.path("code").asInt(-32603)} and {@code
 *       error.path("message").asString("")} read them, whatever their type, so even {@code "error":
 *       null} is an error response.
 *   <li>A method that is not a string is no method; a method with a {@code null} id is a
 *       notification.
 *   <li>An empty batch is no messages.
 * </ul>
 *
 * <p>What stays malformed: text that is not JSON (trailing tokens included), a root or batch
 * element that is not an object, an id that is neither null, a string nor an integer that fits a
 * {@code long}, and an object that is neither a request, a notification nor a response. One
 * malformed element makes the whole batch malformed, and the text is always read to its end first.
 *
 * <p>Stateless and thread-safe; each call has its own parser.
 */
final class LenientReader {
  private LenientReader() {}

  static List<JsonRpcMessage> read(String text) throws MalformedMessageException {
    try (JsonParser parser = JacksonJsonRpcCodec.MAPPER.createParser(text)) {
      return read(parser);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    }
  }

  static List<JsonRpcMessage> read(byte[] body, int offset, int length)
      throws MalformedMessageException {
    try (JsonParser parser = JacksonJsonRpcCodec.MAPPER.createParser(body, offset, length)) {
      return read(parser);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    }
  }

  private static List<JsonRpcMessage> read(JsonParser parser) throws MalformedMessageException {
    List<JsonRpcMessage> messages = new ArrayList<>(1);
    String problem;
    JsonToken root = parser.nextToken();
    if (root == null) {
      throw new MalformedMessageException("not JSON: no value");
    }
    if (root == JsonToken.START_ARRAY) {
      problem = null;
      for (JsonToken element = parser.nextToken();
          element != JsonToken.END_ARRAY;
          element = parser.nextToken()) {
        if (element == null) {
          throw new MalformedMessageException("not JSON: truncated array");
        }
        String why = element(parser, element, messages);
        problem = problem == null ? why : problem; // keep reading: later broken JSON wins
      }
    } else {
      problem = element(parser, root, messages);
    }
    if (parser.nextToken() != null) {
      throw new MalformedMessageException("not JSON: trailing content after the value");
    }
    if (problem != null) {
      throw new MalformedMessageException(problem);
    }
    return messages;
  }

  /**
   * Reads the value the parser stands on up to its end and adds the message it stands for.
   *
   * @return why it is not a message, or {@code null} if it was added
   */
  private static @Nullable String element(
      JsonParser parser, JsonToken start, List<JsonRpcMessage> messages) {
    if (start != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return "a JSON-RPC message must be an object";
    }
    boolean hasId = false;
    RequestId id = null;
    String method = null;
    JsonNode params = null;
    JsonNode result = null;
    JsonNode error = null;
    for (String name = parser.nextName(); name != null; name = parser.nextName()) {
      JsonToken value = parser.nextToken();
      switch (name) {
        case "id" -> {
          hasId = value != JsonToken.VALUE_NULL; // a null id is no id
          id = JsonRpcReader.id(parser, value);
        }
        case "method" -> method = value == JsonToken.VALUE_STRING ? parser.getString() : null;
        case "params" -> params = JsonRpcReader.tree(parser);
        case "result" -> result = JsonRpcReader.tree(parser);
        case "error" -> error = JsonRpcReader.tree(parser);
        default -> {}
      }
      parser.skipChildren(); // a structured value no case read; a no-op after a tree or a scalar
    }
    if (hasId && id == null) {
      return "bad id: neither a string nor an integer that fits a long";
    }
    JsonRpcMessage message;
    if (method != null) {
      message =
          id == null
              ? new JsonRpcNotification(method, params)
              : new JsonRpcRequest(id, method, params);
    } else if (error != null) {
      message =
          new JsonRpcErrorResponse(
              id,
              new JsonRpcError(
                  error.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
                  error.path("message").asString(""),
                  error.get("data")));
    } else if (id != null && result != null) {
      message = new JsonRpcResponse(id, result);
    } else {
      return "neither a request, a notification nor a response";
    }
    messages.add(message);
    return null;
  }
}
