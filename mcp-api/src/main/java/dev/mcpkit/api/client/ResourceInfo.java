package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A resource as {@code resources/list} describes it.
 *
 * @param uri the resource's URI, what {@link McpClient#readResource(String)} takes
 * @param name its name
 * @param title its human-readable title, or {@code null}
 * @param description its description, or {@code null}
 * @param mimeType its MIME type, or {@code null}
 * @param raw the whole description as sent (size, annotations, {@code _meta} ...)
 */
public record ResourceInfo(
    String uri,
    String name,
    @Nullable String title,
    @Nullable String description,
    @Nullable String mimeType,
    JsonNode raw) {
  /** Validates the fields. */
  public ResourceInfo {
    requireNonNull(uri, "uri");
    requireNonNull(name, "name");
    requireNonNull(raw, "raw");
  }

  /**
   * Reads one entry of a {@code resources/list} result; a missing {@code uri} or {@code name} reads
   * as empty.
   *
   * @param raw the entry
   * @return the description
   */
  public static ResourceInfo from(JsonNode raw) {
    requireNonNull(raw, "raw");
    return new ResourceInfo(
        raw.path("uri").asString(""),
        raw.path("name").asString(""),
        JsonFields.string(raw, "title"),
        JsonFields.string(raw, "description"),
        JsonFields.string(raw, "mimeType"),
        raw);
  }
}
