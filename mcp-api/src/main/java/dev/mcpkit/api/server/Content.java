package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

/**
 * One content block of a tool result. The hierarchy is sealed, so a {@code switch} over it is
 * exhaustive; embedded resources and resource links arrive with resources.
 */
public sealed interface Content permits Content.Text, Content.Image, Content.Audio {

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
   * Creates a text block.
   *
   * @param text the text
   * @return the block
   */
  static Content text(String text) {
    return new Text(text);
  }
}
