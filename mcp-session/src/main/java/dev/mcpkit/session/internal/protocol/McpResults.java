package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.server.Content;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.codec.JsonRpcCodecs;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the JSON of MCP results from the API's records. Stateless. */
public final class McpResults {
  private McpResults() {}

  public static ObjectNode initializeResult(McpServerConfig config, ProtocolVersion version) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.put("protocolVersion", version.wireName());
    ObjectNode capabilities = result.putObject("capabilities");
    // Declared only when there is something behind them (logging always is); list changes and
    // subscriptions are published through ServerNotifications.
    if (!config.tools().isEmpty()) {
      capabilities.putObject("tools").put("listChanged", false);
    }
    capabilities.putObject("logging");
    if (ResourceMethods.offered(config)) {
      capabilities.putObject("resources").put("subscribe", true).put("listChanged", true);
    }
    if (!config.prompts().isEmpty()) {
      capabilities.putObject("prompts").put("listChanged", true);
    }
    if (ResourceMethods.offered(config) || !config.prompts().isEmpty()) {
      capabilities.putObject("completions");
    }
    ObjectNode serverInfo = result.putObject("serverInfo");
    serverInfo.put("name", config.serverInfo().name());
    serverInfo.put("version", config.serverInfo().version());
    if (config.serverInfo().title() != null) {
      serverInfo.put("title", config.serverInfo().title());
    }
    if (config.instructions() != null) {
      result.put("instructions", config.instructions());
    }
    return result;
  }

  /** The {@code tools/list} of a server, rendered per caller's scopes. */
  public static ScopedListing toolsList(McpServerConfig config) {
    List<ScopedListing.Entry> tools = new ArrayList<>();
    for (Tool tool : config.tools()) {
      ObjectNode entry = JsonRpcCodecs.nodes().objectNode();
      entry.put("name", tool.name());
      entry.put("description", tool.description());
      entry.set("inputSchema", tool.inputSchema().deepCopy());
      if (tool.taskSupport() != dev.mcpkit.api.server.TaskSupport.FORBIDDEN) {
        entry.putObject("execution").put("taskSupport", tool.taskSupport().wireName());
      }
      if (tool.outputSchema() != null) {
        entry.set("outputSchema", tool.outputSchema().deepCopy());
      }
      tools.add(new ScopedListing.Entry(entry, tool.requiredScopes()));
    }
    return new ScopedListing("tools", tools);
  }

  public static ObjectNode toolResult(ToolResult toolResult) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    ArrayNode content = result.putArray("content");
    for (Content block : toolResult.content()) {
      content.add(ContentJson.content(block));
    }
    if (toolResult.structuredContent() != null) {
      result.set("structuredContent", toolResult.structuredContent());
    }
    if (toolResult.isError()) {
      result.put("isError", true);
    }
    return result;
  }
}
