package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The result of {@code tools/call}.
 *
 * @param content the content blocks as sent
 * @param structuredContent the structured content, or {@code null}
 * @param isError whether the tool reported an error
 * @param raw the whole result as sent
 */
public record CallToolResult(
    List<JsonNode> content, @Nullable JsonNode structuredContent, boolean isError, JsonNode raw) {
  /** Validates the fields and copies the list. */
  public CallToolResult {
    content = List.copyOf(requireNonNull(content, "content"));
    requireNonNull(raw, "raw");
  }

  /**
   * Joins the text of the text blocks, one per line.
   *
   * @return the text, empty if there is none
   */
  public String text() {
    return content.stream()
        .filter(block -> "text".equals(block.path("type").asString("")))
        .map(block -> block.path("text").asString(""))
        .collect(Collectors.joining("\n"));
  }
}
