package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.Tool;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The method and target names the engine hands its observer, bounded to what the server defines.
 *
 * <p>Observers turn these names into metric attributes and span names ({@code mcp.method.name},
 * {@code gen_ai.tool.name}, {@code gen_ai.prompt.name}). They come from the client's request, so a
 * client sending made-up methods or tool names would otherwise mint a new metric series per name. A
 * method the engine does not serve and a tool or prompt the server does not define are reported as
 * {@value #OTHER}, the conventions' value for "outside the known set" (as {@code
 * http.request.method} does). Immutable and thread-safe.
 */
final class ObservedNames {
  /** The name reported for anything outside the server's known set. */
  static final String OTHER = "_OTHER";

  private final Set<String> tools;
  private final Set<String> prompts;

  ObservedNames(McpServerConfig config) {
    Set<String> toolNames = new HashSet<>();
    for (Tool tool : config.tools()) {
      toolNames.add(tool.name());
    }
    Set<String> promptNames = new HashSet<>();
    for (Prompt prompt : config.prompts()) {
      promptNames.add(prompt.name());
    }
    this.tools = Set.copyOf(toolNames);
    this.prompts = Set.copyOf(promptNames);
  }

  /**
   * The request's method, or {@value #OTHER} if it is none of the client requests in the {@link
   * McpMethod} catalogue (those either protocol generation serves).
   */
  String method(JsonRpcRequest request) {
    McpMethod method = McpMethod.of(request.method());
    return method != null && method.isServerRequest() ? method.wireName() : OTHER;
  }

  /**
   * The tool of a {@code tools/call} or the prompt of a {@code prompts/get}, {@value #OTHER} when
   * the server defines no such one (or the name is missing), {@code null} for other methods.
   */
  @Nullable String target(JsonRpcRequest request) {
    McpMethod method = McpMethod.of(request.method());
    Set<String> known =
        method == McpMethod.TOOLS_CALL ? tools : method == McpMethod.PROMPTS_GET ? prompts : null;
    if (known == null) {
      return null;
    }
    JsonNode params = request.params();
    JsonNode name = params == null ? null : params.get("name");
    return name != null && name.isString() && known.contains(name.stringValue())
        ? name.stringValue()
        : OTHER;
  }
}
