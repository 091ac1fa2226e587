package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a tool call returns: content blocks, optional structured content, and whether the call
 * failed.
 *
 * <p>A failed call ({@link #isError()}) is still a successful JSON-RPC response: the model sees the
 * error text and may retry. Protocol errors (unknown tool, malformed request) are JSON-RPC errors
 * instead, and the engine produces them.
 *
 * {@snippet :
 * ToolResult ok = ToolResult.text("Hello, Ada!");
 * ToolResult failed = ToolResult.error("city not found: Atlantis");
 * ToolResult both = ToolResult.builder().text("22 °C").structured(weatherJson).build();
 * }
 *
 * @param content the content blocks, in order
 * @param structuredContent a JSON object matching the tool's output schema, or {@code null}
 * @param isError {@code true} if the tool failed
 */
public record ToolResult(
    List<Content> content, @Nullable JsonNode structuredContent, boolean isError) {

  /** Validates the fields and copies the list. */
  public ToolResult {
    content = List.copyOf(requireNonNull(content, "content"));
    if (structuredContent != null && !structuredContent.isObject()) {
      throw new IllegalArgumentException("structuredContent must be a JSON object");
    }
  }

  /**
   * A successful result with one text block.
   *
   * @param text the text
   * @return the result
   */
  public static ToolResult text(String text) {
    return new ToolResult(List.of(new Content.Text(text)), null, false);
  }

  /**
   * A failed result with one text block that tells the model what went wrong.
   *
   * @param message the error text, shown to the model
   * @return the result
   */
  public static ToolResult error(String message) {
    return new ToolResult(List.of(new Content.Text(message)), null, true);
  }

  /**
   * A successful result carrying structured content and, for clients that read only content blocks,
   * its JSON text as one text block (as the specification recommends).
   *
   * @param structuredContent a JSON object
   * @return the result
   */
  public static ToolResult structured(JsonNode structuredContent) {
    requireNonNull(structuredContent, "structuredContent");
    return new ToolResult(
        List.of(new Content.Text(structuredContent.toString())), structuredContent, false);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A mutable builder; not thread-safe. */
  public static final class Builder {
    private final List<Content> content = new ArrayList<>();
    private @Nullable JsonNode structuredContent;
    private boolean isError;

    private Builder() {}

    /**
     * Appends a text block.
     *
     * @param text the text
     * @return this builder
     */
    public Builder text(String text) {
      content.add(new Content.Text(text));
      return this;
    }

    /**
     * Appends a content block.
     *
     * @param block the block
     * @return this builder
     */
    public Builder add(Content block) {
      content.add(requireNonNull(block, "block"));
      return this;
    }

    /**
     * Sets the structured content.
     *
     * @param structuredContent a JSON object
     * @return this builder
     */
    public Builder structured(JsonNode structuredContent) {
      requireNonNull(structuredContent, "structuredContent");
      if (!structuredContent.isObject()) {
        throw new IllegalArgumentException("structuredContent must be a JSON object");
      }
      this.structuredContent = structuredContent;
      return this;
    }

    /**
     * Marks the result as failed.
     *
     * @param isError {@code true} if the tool failed
     * @return this builder
     */
    public Builder isError(boolean isError) {
      this.isError = isError;
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the result
     */
    public ToolResult build() {
      return new ToolResult(content, structuredContent, isError);
    }
  }
}
