package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The identity of a session, as carried in the {@code Mcp-Session-Id} header.
 *
 * <p>The MCP specification requires a session id to consist of visible ASCII characters only (0x21
 * to 0x7E). This type enforces that and a maximum length, so an id read from a request header is
 * safe to use as a map key and to echo back. Ids minted by mcpkit come from {@code SecureRandom}
 * with 128 bits of entropy ({@link #ofRandomBits}); this type itself does not generate ids.
 *
 * <p><b>Two forms, one value.</b> An id is its text ({@link #value()}); two ids are equal exactly
 * when their texts are. An id of 128 bits in its canonical text ({@value #RANDOM_ID_LENGTH}
 * characters of URL-safe Base64 without padding, the form {@link #ofRandomBits} renders) is held as
 * the two {@code long}s it encodes, 32 bytes in all instead of about 80 for the text: what a
 * million idle sessions keep. {@link #of(String)} recognizes that form in any text, so an id parsed
 * from a header equals the one minted; any other text (an id minted elsewhere, or by an older
 * version) is kept as given. The compact form renders its text on each call to {@link #value()}.
 *
 * <p>{@link #hashCode()} is spread over all 32 bits (the random bits themselves, or the text's hash
 * through a mixing function), so hash tables may use any of its bits without spreading it again.
 *
 * <p>Instances are immutable and thread-safe. Not a record since it has two forms; compare with
 * {@link #equals}, never by identity.
 */
public abstract sealed class SessionId permits RandomSessionId, TextSessionId {
  /** The longest id accepted, in characters. */
  public static final int MAX_LENGTH = 128;

  /** The length of the text of an id made by {@link #ofRandomBits}: 128 bits in Base64. */
  public static final int RANDOM_ID_LENGTH = RandomSessionId.LENGTH;

  SessionId() {}

  /**
   * Parses an id, typically from a request header.
   *
   * @param value the header's value
   * @return the id
   * @throws IllegalArgumentException if the value is not a valid session id: empty, longer than
   *     {@value #MAX_LENGTH} characters, or with a character outside 0x21-0x7E
   */
  public static SessionId of(String value) {
    requireNonNull(value, "value");
    if (value.length() == RANDOM_ID_LENGTH) {
      RandomSessionId compact = RandomSessionId.parse(value);
      if (compact != null) {
        return compact;
      }
    }
    return new TextSessionId(checked(value));
  }

  /**
   * The id of 128 random bits, whose text is their URL-safe Base64 ({@value #RANDOM_ID_LENGTH}
   * characters from {@code [A-Za-z0-9_-]}, the 16 bytes big-endian, no padding). The caller
   * supplies the bits; a server must draw them from a cryptographically strong generator such as
   * {@code SecureRandom}, so that ids cannot be guessed.
   *
   * @param high the first 64 bits
   * @param low the last 64 bits
   * @return the id, equal to {@code SessionId.of(id.value())}
   */
  public static SessionId ofRandomBits(long high, long low) {
    return new RandomSessionId(high, low);
  }

  /**
   * Tells whether a value would be a valid session id, without throwing.
   *
   * @param value the candidate, may be {@code null}
   * @return {@code true} if {@link #of(String)} would accept it
   */
  public static boolean isValid(@Nullable String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  private static String checked(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("session id must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "session id is "
              + value.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " are allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException(
            "session id has a character outside visible ASCII (0x21-0x7E) at index " + i);
      }
    }
    return value;
  }

  /**
   * Returns the id's text, as sent on the wire.
   *
   * @return 1 to {@value #MAX_LENGTH} visible ASCII characters
   */
  public abstract String value();

  /**
   * Two ids are equal when their texts are.
   *
   * @param other the other object
   * @return whether {@code other} is a session id of the same text
   */
  @Override
  public abstract boolean equals(@Nullable Object other);

  /**
   * A hash of the text, spread over all 32 bits (see the class comment).
   *
   * @return the hash
   */
  @Override
  public abstract int hashCode();

  /** Returns the id's text, as sent on the wire: the same as {@link #value()}. */
  @Override
  public final String toString() {
    return value();
  }

  /** MurmurHash3's 32-bit finalizer: every input bit moves every output bit. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
