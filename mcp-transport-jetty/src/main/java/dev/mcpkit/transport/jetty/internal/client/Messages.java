package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON-RPC messages to and from bytes for the client. One shared, immutable mapper; thread-safe.
 */
final class Messages {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Messages() {}

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  static byte[] encode(JsonRpcMessage message) {
    ObjectNode node = object();
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
        if (e.id() == null) {
          node.putNull("id");
        } else {
          putId(node, e.id());
        }
        ObjectNode error = node.putObject("error");
        error.put("code", e.error().code());
        error.put("message", e.error().message());
        if (e.error().data() != null) {
          error.set("data", e.error().data());
        }
      }
    }
    return JSON.writeValueAsBytes(node);
  }

  private static void putId(ObjectNode node, RequestId id) {
    switch (id) {
      case RequestId.Number n -> node.put("id", n.value());
      case RequestId.Text t -> node.put("id", t.value());
    }
  }

  /**
   * Parses one message or a batch; what is not a JSON-RPC message is skipped and counted as
   * malformed.
   */
  static List<JsonRpcMessage> decode(String text) throws MalformedMessageException {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new MalformedMessageException("not JSON: " + e.getOriginalMessage());
    }
    List<JsonRpcMessage> messages = new ArrayList<>(1);
    if (tree.isArray()) {
      for (JsonNode element : tree) {
        messages.add(message(element));
      }
    } else {
      messages.add(message(tree));
    }
    return messages;
  }

  private static JsonRpcMessage message(JsonNode node) throws MalformedMessageException {
    if (!node.isObject()) {
      throw new MalformedMessageException("a JSON-RPC message must be an object");
    }
    RequestId id = id(node.get("id"));
    JsonNode method = node.get("method");
    @Nullable JsonNode params = node.get("params");
    if (method != null && method.isString()) {
      return id == null
          ? new JsonRpcNotification(method.asString(), params)
          : new JsonRpcRequest(id, method.asString(), params);
    }
    if (node.has("error")) {
      JsonNode error = node.get("error");
      return new JsonRpcErrorResponse(
          id,
          new JsonRpcError(
              error.path("code").asInt(JsonRpcError.INTERNAL_ERROR),
              error.path("message").asString(""),
              error.get("data")));
    }
    if (id != null && node.has("result")) {
      return new JsonRpcResponse(id, node.get("result"));
    }
    throw new MalformedMessageException("neither a request, a notification nor a response");
  }

  private static @Nullable RequestId id(@Nullable JsonNode id) throws MalformedMessageException {
    if (id == null || id.isNull()) {
      return null;
    }
    if (id.isIntegralNumber()) {
      return RequestId.of(id.asLong());
    }
    if (id.isString()) {
      return RequestId.of(id.asString());
    }
    throw new MalformedMessageException("bad id: " + id);
  }

  /** A body or event that is not a JSON-RPC message. */
  static final class MalformedMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
      super(message, null, false, false);
    }
  }
}
