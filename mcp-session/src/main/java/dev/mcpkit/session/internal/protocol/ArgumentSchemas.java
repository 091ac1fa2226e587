package dev.mcpkit.session.internal.protocol;

import dev.mcpkit.api.server.Tool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The compiled input schemas of a server's tools, by tool name, built once with the engine (a bad
 * schema fails the build of the engine, not a call). Immutable and thread-safe.
 */
public final class ArgumentSchemas {
  private final Map<String, ArgumentSchema> byName;

  private ArgumentSchemas(Map<String, ArgumentSchema> byName) {
    this.byName = byName;
  }

  /**
   * Compiles each tool's input schema.
   *
   * @throws IllegalArgumentException if a schema cannot be compiled
   */
  public static ArgumentSchemas compile(List<Tool> tools) {
    Map<String, ArgumentSchema> byName = new HashMap<>();
    for (Tool tool : tools) {
      byName.put(tool.name(), ArgumentSchema.compile(tool));
    }
    return new ArgumentSchemas(Map.copyOf(byName));
  }

  /**
   * Returns the compiled schema of the named tool, or {@code null} for a tool not compiled here.
   */
  public @Nullable ArgumentSchema of(String toolName) {
    return byName.get(toolName);
  }

  /**
   * What is wrong with a call's arguments: one message naming each field and rule, or {@code null}
   * when they match (or the tool was not compiled here).
   */
  public @Nullable String violations(String toolName, JsonNode arguments) {
    ArgumentSchema schema = byName.get(toolName);
    return schema == null ? null : schema.violations(arguments);
  }
}
