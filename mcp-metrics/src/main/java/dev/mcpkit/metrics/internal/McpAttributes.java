package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_OPERATION_NAME;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_PROMPT_NAME;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_TOOL_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_METHOD_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_NAME;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_TRANSPORT;
import static dev.mcpkit.metrics.internal.Names.RPC_RESPONSE_STATUS_CODE;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.ProtocolVersion;
import io.opentelemetry.api.common.AttributesBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The attributes the MCP conventions give both operation metrics and both spans (client and
 * server): method, tool or prompt, protocol versions, transport, and the error. Stateless.
 */
final class McpAttributes {
  private McpAttributes() {}

  static final String TOOLS_CALL = McpMethod.TOOLS_CALL.wireName();
  static final String PROMPTS_GET = McpMethod.PROMPTS_GET.wireName();

  /** Puts what is known when an operation starts. */
  static void started(
      AttributesBuilder attributes,
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version) {
    attributes.put(MCP_METHOD_NAME, method).put(NETWORK_TRANSPORT, Names.TCP);
    if (target != null) {
      if (method.equals(PROMPTS_GET)) {
        attributes.put(GEN_AI_PROMPT_NAME, target);
      } else {
        attributes.put(GEN_AI_TOOL_NAME, target);
      }
    }
    if (method.equals(TOOLS_CALL)) {
      attributes.put(GEN_AI_OPERATION_NAME, "execute_tool");
    }
    if (version != null) {
      attributes.put(MCP_PROTOCOL_VERSION, version.wireName());
    }
  }

  /** Puts what is known when an operation ends. */
  static void ended(
      AttributesBuilder attributes,
      @Nullable String errorType,
      @Nullable String networkProtocolVersion) {
    if (networkProtocolVersion != null) {
      attributes
          .put(NETWORK_PROTOCOL_NAME, Names.HTTP)
          .put(NETWORK_PROTOCOL_VERSION, networkProtocolVersion);
    }
    if (errorType != null) {
      attributes.put(ERROR_TYPE, errorType);
      if (isJsonRpcCode(errorType)) {
        attributes.put(RPC_RESPONSE_STATUS_CODE, errorType);
      }
    }
  }

  /** JSON-RPC error codes are negative integers; HTTP statuses and names are not. */
  static boolean isJsonRpcCode(String errorType) {
    if (errorType.length() < 2 || errorType.charAt(0) != '-') {
      return false;
    }
    for (int i = 1; i < errorType.length(); i++) {
      if (!Character.isDigit(errorType.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The span name the conventions give: {@code {mcp.method.name} {target}}, or the bare method. */
  static String spanName(String method, @Nullable String target) {
    return target == null ? method : method + " " + target;
  }
}
