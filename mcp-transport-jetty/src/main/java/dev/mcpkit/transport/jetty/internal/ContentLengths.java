package dev.mcpkit.transport.jetty.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;

/**
 * {@code Content-Length} fields of the answers written whole, one per length below {@value #CACHED}
 * bytes, made at the first answer of that length and shared afterwards. A field made per answer
 * formats its number as text each time ({@code Long.toString}, 0.5-0.8% of the I/O thread's samples
 * per JSON answer in the end-to-end profile), though HTTP/1.1 writes the length from the number and
 * the text is rarely read; answers of a tool server are mostly short and repeat their lengths.
 *
 * <p>Thread-safe: the fields are immutable, and each slot is published through an {@link
 * AtomicReferenceArray}; two threads making the same length at once both make an equal field and
 * the last write wins, which is harmless. Bounded: at most {@value #CACHED} fields.
 */
final class ContentLengths {
  /** Lengths cached: answers below this many bytes. */
  static final int CACHED = 2048;

  private static final AtomicReferenceArray<HttpField> FIELDS = new AtomicReferenceArray<>(CACHED);

  private ContentLengths() {}

  /** The {@code Content-Length} field of a body of {@code length} bytes. */
  static HttpField of(int length) {
    if (length < 0 || length >= CACHED) {
      return new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, length);
    }
    HttpField field = FIELDS.get(length);
    if (field == null) {
      field = new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, length);
      FIELDS.set(length, field);
    }
    return field;
  }
}
