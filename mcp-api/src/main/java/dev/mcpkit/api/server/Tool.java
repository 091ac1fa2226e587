package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import tools.jackson.databind.JsonNode;

/**
 * A tool the server offers: what {@code tools/list} shows and what {@code tools/call} runs.
 *
 * {@snippet :
 * Tool greet = Tool.of("greet", "Greets someone by name.", schema,
 *     (arguments, ctx) -> ToolResult.text("Hello, " + arguments.path("name").asString("world") + "!"));
 * }
 *
 * @param name the unique name clients call it by: 1 to 128 characters of {@code A-Z a-z 0-9 _ - .}
 * @param description what it does, for the model
 * @param inputSchema a JSON Schema object describing the {@code arguments}
 * @param handler the code that runs
 */
public record Tool(String name, String description, JsonNode inputSchema, ToolHandler handler) {
  private static final int MAX_NAME_LENGTH = 128;

  /** Validates the fields. */
  public Tool {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(handler, "handler");
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "tool name must have 1 to " + MAX_NAME_LENGTH + " characters, was '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
              || c == '_' || c == '-' || c == '.';
      if (!allowed) {
        throw new IllegalArgumentException(
            "tool name '" + name + "' has a character outside A-Z a-z 0-9 _ - . at index " + i);
      }
    }
    if (!inputSchema.isObject()) {
      throw new IllegalArgumentException("inputSchema of tool '" + name + "' must be a JSON object");
    }
  }

  /**
   * Creates a tool.
   *
   * @param name the tool's name
   * @param description what it does
   * @param inputSchema a JSON Schema object for its arguments
   * @param handler the code that runs
   * @return the tool
   */
  public static Tool of(String name, String description, JsonNode inputSchema, ToolHandler handler) {
    return new Tool(name, description, inputSchema, handler);
  }
}
