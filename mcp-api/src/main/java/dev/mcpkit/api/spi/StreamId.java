package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Identifies one SSE stream within a session: the response stream of one POST, or the standalone
 * stream opened by GET. Every {@link EventId} names the stream it was sent on, which is how a
 * {@code Last-Event-ID} finds its way back to the right stream.
 *
 * <p>A stream id is 1 to {@value #MAX_LENGTH} visible ASCII characters (0x21-0x7E) other than
 * {@value #RESERVED}, which separates the stream from the sequence number in an event id. The
 * transport mints stream ids itself, for example from a per-session counter; it must not derive
 * them from client-supplied values such as JSON-RPC request ids, which may contain any character. A
 * stream id should not be reused within a session once its stream was dropped: a store then treats
 * the new stream as unrelated to the old one, and {@code Last-Event-ID}s of the old stream no
 * longer resume anything.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the id's text
 */
public record StreamId(String value) {
  /** The longest stream id accepted, in characters. */
  public static final int MAX_LENGTH = 64;

  /** The one visible ASCII character a stream id must not contain; event ids use it. */
  public static final char RESERVED = ':';

  /**
   * A conventional id for the standalone stream that a client opens with HTTP GET. Transports may
   * use it; stores give it no special meaning.
   */
  public static final StreamId STANDALONE = new StreamId("get");

  /**
   * Validates the id.
   *
   * @throws IllegalArgumentException if the value is empty, longer than {@value #MAX_LENGTH}
   *     characters, or holds a character outside 0x21-0x7E or the reserved {@value #RESERVED}
   */
  public StreamId {
    requireNonNull(value, "value");
    int bad = firstInvalidIndex(value);
    if (bad == -2) {
      throw new IllegalArgumentException(
          "stream id must be 1 to " + MAX_LENGTH + " characters long, was " + value.length());
    }
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "stream id has a character outside visible ASCII (0x21-0x7E) or the reserved '"
              + RESERVED
              + "' at index "
              + bad);
    }
  }

  /**
   * Creates a stream id.
   *
   * @param value the id's text
   * @return the id
   * @throws IllegalArgumentException if the value is not a valid stream id
   */
  public static StreamId of(String value) {
    return new StreamId(value);
  }

  /**
   * Tells whether a value would be a valid stream id, without throwing.
   *
   * @param value the candidate, may be {@code null}
   * @return {@code true} if {@link #of(String)} would accept it
   */
  public static boolean isValid(@Nullable String value) {
    return value != null && firstInvalidIndex(value) == -1;
  }

  /** Returns -1 when valid, -2 for a bad length, else the index of the first bad character. */
  static int firstInvalidIndex(CharSequence value) {
    int length = value.length();
    if (length == 0 || length > MAX_LENGTH) {
      return -2;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E || c == RESERVED) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the id's text. */
  @Override
  public String toString() {
    return value;
  }
}
