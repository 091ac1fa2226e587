package dev.mcpkit.api.jsonrpc;

/**
 * A JSON-RPC 2.0 message as MCP uses it. The hierarchy is sealed, so a {@code switch} over a
 * message is exhaustive without {@code default}:
 *
 * {@snippet :
 * String kind = switch (message) {
 *   case JsonRpcRequest r -> "request " + r.method();
 *   case JsonRpcNotification n -> "notification " + n.method();
 *   case JsonRpcResponse r -> "result for " + r.id();
 *   case JsonRpcErrorResponse e -> "error " + e.error().code();
 * };
 * }
 */
public sealed interface JsonRpcMessage
    permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse, JsonRpcErrorResponse {

  /** The protocol version string every message carries in its {@code jsonrpc} member. */
  String VERSION = "2.0";
}
