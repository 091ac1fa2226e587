package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The contents of one resource as {@code resources/read} returns them and as an embedded resource
 * carries them: text or binary. Sealed, so a {@code switch} over it is exhaustive.
 *
 * {@snippet :
 * ResourceContents text = ResourceContents.text("file:///notes.txt", "text/plain", "remember the milk");
 * ResourceContents png = ResourceContents.blob("file:///logo.png", "image/png", pngBytes);
 * }
 */
public sealed interface ResourceContents permits ResourceContents.Text, ResourceContents.Blob {

  /**
   * Returns the URI of the resource these contents belong to.
   *
   * @return the URI
   */
  String uri();

  /**
   * Returns the MIME type of the contents.
   *
   * @return the MIME type, or {@code null} if unknown
   */
  @Nullable String mimeType();

  /**
   * Text contents ({@code "text"} on the wire).
   *
   * @param uri the resource's URI
   * @param mimeType the MIME type, or {@code null}
   * @param text the text
   */
  record Text(String uri, @Nullable String mimeType, String text) implements ResourceContents {
    /** Validates the fields. */
    public Text {
      requireNonNull(uri, "uri");
      requireNonNull(text, "text");
    }
  }

  /**
   * Binary contents ({@code "blob"} on the wire, base64-encoded).
   *
   * @param uri the resource's URI
   * @param mimeType the MIME type, or {@code null}
   * @param blob the bytes, base64-encoded
   */
  record Blob(String uri, @Nullable String mimeType, String blob) implements ResourceContents {
    /** Validates the fields. */
    public Blob {
      requireNonNull(uri, "uri");
      requireNonNull(blob, "blob");
    }
  }

  /**
   * Creates text contents.
   *
   * @param uri the resource's URI
   * @param mimeType the MIME type, or {@code null}
   * @param text the text
   * @return the contents
   */
  static ResourceContents text(String uri, @Nullable String mimeType, String text) {
    return new Text(uri, mimeType, text);
  }

  /**
   * Creates binary contents from raw bytes, which are base64-encoded here.
   *
   * @param uri the resource's URI
   * @param mimeType the MIME type, or {@code null}
   * @param bytes the raw bytes
   * @return the contents
   */
  static ResourceContents blob(String uri, @Nullable String mimeType, byte[] bytes) {
    requireNonNull(bytes, "bytes");
    return new Blob(uri, mimeType, Base64.getEncoder().encodeToString(bytes));
  }
}
