package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.JsonRpcCodec;
import dev.mcpkit.api.server.ParsedBody;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes JSON-RPC 2.0 messages with one shared Jackson 3 mapper. Immutable and
 * thread-safe: Jackson 3 mappers are immutable once built.
 */
public final class JacksonJsonRpcCodec implements JsonRpcCodec {
  /** The mapper of the whole engine; shared, since building one is expensive and it is immutable. */
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The single instance. */
  public static final JacksonJsonRpcCodec INSTANCE = new JacksonJsonRpcCodec();

  private JacksonJsonRpcCodec() {}

  @Override
  public ParsedBody parse(byte[] body, int offset, int length) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body, offset, length);
    } catch (JacksonException e) {
      return new ParsedBody.Malformed(JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: body is not valid JSON"));
    }
    if (root == null || root.isMissingNode()) {
      return new ParsedBody.Malformed(JsonRpcError.of(JsonRpcError.PARSE_ERROR, "Parse error: body is empty"));
    }
    if (root.isArray()) {
      if (root.isEmpty()) {
        return invalid("empty batch");
      }
      List<JsonRpcMessage> messages = new ArrayList<>(root.size());
      for (JsonNode element : root) {
        JsonRpcMessage message = toMessage(element);
        if (message == null) {
          return invalid("a batch element is not a JSON-RPC 2.0 message");
        }
        messages.add(message);
      }
      return new ParsedBody.Messages(messages, true);
    }
    JsonRpcMessage message = toMessage(root);
    return message == null
        ? invalid("not a JSON-RPC 2.0 message")
        : new ParsedBody.Messages(List.of(message), false);
  }

  private static ParsedBody invalid(String why) {
    return new ParsedBody.Malformed(JsonRpcError.of(JsonRpcError.INVALID_REQUEST, "Invalid Request: " + why));
  }

  /** Returns the message a node stands for, or {@code null} if it is not a valid one. */
  private static @Nullable JsonRpcMessage toMessage(JsonNode node) {
    if (!node.isObject() || !JsonRpcMessage.VERSION.equals(textOrNull(node.get("jsonrpc")))) {
      return null;
    }
    JsonNode method = node.get("method");
    JsonNode idNode = node.get("id");
    if (method != null) {
      JsonNode params = node.get("params");
      if (!method.isString() || (params != null && !params.isObject())) {
        return null;
      }
      if (idNode == null) {
        return new JsonRpcNotification(method.stringValue(), params);
      }
      RequestId id = toId(idNode);
      return id == null ? null : new JsonRpcRequest(id, method.stringValue(), params);
    }
    JsonNode result = node.get("result");
    JsonNode error = node.get("error");
    if (result != null && error == null) {
      RequestId id = idNode == null ? null : toId(idNode);
      return id == null || !result.isObject() ? null : new JsonRpcResponse(id, result);
    }
    if (error != null && result == null) {
      JsonNode code = error.get("code");
      JsonNode message = error.get("message");
      if (!error.isObject() || code == null || !code.isIntegralNumber() || !code.canConvertToInt() || message == null || !message.isString()) {
        return null;
      }
      RequestId id = idNode == null || idNode.isNull() ? null : toId(idNode);
      if (id == null && idNode != null && !idNode.isNull()) {
        return null;
      }
      return new JsonRpcErrorResponse(id, new JsonRpcError(code.asInt(), message.stringValue(), error.get("data")));
    }
    return null;
  }

  private static @Nullable RequestId toId(JsonNode id) {
    if (id.isString()) {
      return RequestId.of(id.stringValue());
    }
    if (id.isIntegralNumber() && id.canConvertToLong()) {
      return RequestId.of(id.longValue());
    }
    return null;
  }

  private static @Nullable String textOrNull(@Nullable JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  @Override
  public byte[] encode(JsonRpcMessage message) {
    return MAPPER.writeValueAsBytes(toNode(message));
  }

  @Override
  public byte[] encodeBatch(List<JsonRpcMessage> messages) {
    ArrayNode array = NODES.arrayNode(messages.size());
    for (JsonRpcMessage message : messages) {
      array.add(toNode(message));
    }
    return MAPPER.writeValueAsBytes(array);
  }

  static ObjectNode toNode(JsonRpcMessage message) {
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
}
