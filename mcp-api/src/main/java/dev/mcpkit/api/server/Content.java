package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

/**
 * One content block of a tool result or a prompt message. The hierarchy is sealed, so a {@code
 * switch} over it is exhaustive; resource links are still to come.
 */
public sealed interface Content
    permits Content.Text, Content.Image, Content.Audio, Content.EmbeddedResource {

  /**
   * Plain text ({@code "type": "text"}).
   *
   * @param text the text
   */
  record Text(String text) implements Content {
    /** Validates the text. */
    public Text {
      requireNonNull(text, "text");
    }
  }

  /**
   * An image ({@code "type": "image"}).
   *
   * @param data the image bytes, base64-encoded
   * @param mimeType e.g. {@code image/png}
   */
  record Image(String data, String mimeType) implements Content {
    /** Validates the fields. */
    public Image {
      requireNonNull(data, "data");
      requireNonNull(mimeType, "mimeType");
    }
  }

  /**
   * Audio ({@code "type": "audio"}).
   *
   * @param data the audio bytes, base64-encoded
   * @param mimeType e.g. {@code audio/wav}
   */
  record Audio(String data, String mimeType) implements Content {
    /** Validates the fields. */
    public Audio {
      requireNonNull(data, "data");
      requireNonNull(mimeType, "mimeType");
    }
  }

  /**
   * A resource embedded in the content ({@code "type": "resource"}).
   *
   * @param resource the resource's contents, text or blob
   */
  record EmbeddedResource(ResourceContents resource) implements Content {
    /** Validates the resource. */
    public EmbeddedResource {
      requireNonNull(resource, "resource");
    }
  }

  /**
   * Creates an embedded-resource block.
   *
   * @param resource the resource's contents
   * @return the block
   */
  static Content resource(ResourceContents resource) {
    return new EmbeddedResource(resource);
  }

  /**
   * Creates a text block.
   *
   * @param text the text
   * @return the block
   */
  static Content text(String text) {
    return new Text(text);
  }
}
