package dev.mcpkit.tools.closed;

import dev.mcpkit.tools.McpTool;

/** Tools whose records live in a package not opened to Jackson (the tests open only the parent). */
public final class ClosedRecords {
  /** Arguments Jackson cannot construct on the module path. */
  public record Hidden(String text) {}

  /**
   * A tool.
   *
   * @param hidden its arguments
   * @return the text
   */
  @McpTool(description = "Cannot bind.")
  public String hidden(Hidden hidden) {
    return hidden.text();
  }
}
