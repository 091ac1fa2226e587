package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The validated parameters of a {@code tools/call}, as both protocol generations read them: the
 * tool it names (which must exist) and its arguments (an object; absent or {@code null} means
 * empty).
 *
 * @param tool the tool to call
 * @param arguments the arguments, always an object
 */
public record ToolCallParams(Tool tool, JsonNode arguments) {

  /**
   * Reads and checks a request's parameters.
   *
   * @param tools the server's tools by name
   * @param params the request's {@code params}
   * @return the tool and its arguments
   * @throws ProtocolError {@code -32602} for a missing or unknown tool name or non-object arguments
   */
  public static ToolCallParams of(Map<String, Tool> tools, @Nullable JsonNode params) {
    JsonNode name = params == null ? null : params.get("name");
    if (params == null || name == null || !name.isString()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: tools/call needs a tool name");
    }
    Tool tool = tools.get(name.stringValue());
    if (tool == null) {
      throw new ProtocolError(JsonRpcError.INVALID_PARAMS, "Unknown tool: " + name.stringValue());
    }
    JsonNode arguments = params.get("arguments");
    if (arguments == null || arguments.isNull()) {
      arguments = JsonRpcCodecs.nodes().objectNode();
    } else if (!arguments.isObject()) {
      throw new ProtocolError(
          JsonRpcError.INVALID_PARAMS, "Invalid params: arguments must be an object");
    }
    return new ToolCallParams(tool, arguments);
  }

  /**
   * Finds the tool a request's parameters name, without checking anything else; for deciding how to
   * serve a call before {@link #of} validates it.
   *
   * @param tools the server's tools by name
   * @param params the request's {@code params}
   * @return the tool, or {@code null} if the name is missing, not a string or unknown
   */
  static @Nullable Tool named(Map<String, Tool> tools, @Nullable JsonNode params) {
    JsonNode name = params == null ? null : params.get("name");
    return name != null && name.isString() ? tools.get(name.stringValue()) : null;
  }
}
