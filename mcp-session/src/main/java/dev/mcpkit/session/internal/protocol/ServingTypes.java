package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.server.Tool;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Whether serving one client request may block, for both protocol generations: the method's
 * {@linkplain McpMethod#servingType() type in the catalogue}, and for {@code tools/call} the called
 * tool's own type combined in. Stateless.
 */
public final class ServingTypes {
  private ServingTypes() {}

  /**
   * The type of serving a request of a method the engine serves.
   *
   * @param method the request's method
   * @param params the request's {@code params}, to find the tool of a {@code tools/call}
   * @param tools the server's tools by name
   * @param aroundTools what running a known tool costs besides the tool itself ({@link
   *     InvocationType#NON_BLOCKING} when nothing)
   * @return the type; a call of an unknown tool is an error and takes the method's type alone
   */
  public static InvocationType of(
      McpMethod method,
      @Nullable JsonNode params,
      Map<String, Tool> tools,
      InvocationType aroundTools) {
    if (method != McpMethod.TOOLS_CALL) {
      return method.servingType();
    }
    Tool tool = ToolCallParams.named(tools, params);
    return tool == null
        ? method.servingType()
        : method.servingType().combine(tool.invocationType()).combine(aroundTools);
  }
}
