package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of the {@code contents} of a {@code resources/read} result: text or a base64 blob.
 *
 * @param uri the URI of what was read
 * @param mimeType its MIME type, or {@code null}
 * @param text the text, or {@code null} for a blob
 * @param blob the base64 of the bytes, or {@code null} for text
 * @param raw the entry as sent ({@code _meta} ...)
 */
public record ResourceContent(
    String uri,
    @Nullable String mimeType,
    @Nullable String text,
    @Nullable String blob,
    JsonNode raw) {
  /** Validates the fields. */
  public ResourceContent {
    requireNonNull(uri, "uri");
    requireNonNull(raw, "raw");
  }

  /**
   * Reads one entry of {@code contents}.
   *
   * @param raw the entry
   * @return the content
   */
  public static ResourceContent from(JsonNode raw) {
    requireNonNull(raw, "raw");
    return new ResourceContent(
        raw.path("uri").asString(""),
        JsonFields.string(raw, "mimeType"),
        JsonFields.string(raw, "text"),
        JsonFields.string(raw, "blob"),
        raw);
  }

  /**
   * Decodes the blob.
   *
   * @return the bytes, or empty for text
   * @throws IllegalArgumentException if the blob is not valid base64
   */
  public Optional<byte[]> bytes() {
    return Optional.ofNullable(blob).map(Base64.getDecoder()::decode);
  }
}
