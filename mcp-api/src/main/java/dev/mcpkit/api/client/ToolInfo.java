package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A tool as {@code tools/list} describes it.
 *
 * @param name the tool's name
 * @param description its description, or {@code null}
 * @param inputSchema the JSON schema of its arguments
 * @param outputSchema the JSON schema of its structured content, or {@code null}
 * @param raw the whole description as sent (annotations, title, {@code _meta} ...)
 */
public record ToolInfo(
    String name,
    @Nullable String description,
    JsonNode inputSchema,
    @Nullable JsonNode outputSchema,
    JsonNode raw) {
  /** Validates the fields. */
  public ToolInfo {
    requireNonNull(name, "name");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(raw, "raw");
  }
}
