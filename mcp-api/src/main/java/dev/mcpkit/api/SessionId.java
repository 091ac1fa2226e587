package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

/**
 * The identity of a session, as carried in the {@code Mcp-Session-Id} header.
 *
 * <p>The MCP specification requires a session id to consist of visible ASCII characters only (0x21
 * to 0x7E). This type enforces that and a maximum length, so an id read from a request header is
 * safe to use as a map key and to echo back. Ids minted by mcpkit come from {@code SecureRandom}
 * with at least 128 bits of entropy; this record itself does not generate ids.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param value the id's text: 1 to {@value #MAX_LENGTH} visible ASCII characters
 */
public record SessionId(String value) {
  /** The longest id accepted, in characters. */
  public static final int MAX_LENGTH = 128;

  /**
   * Validates the id.
   *
   * @throws IllegalArgumentException if the value is empty, longer than {@value #MAX_LENGTH}
   *     characters, or holds a character outside 0x21-0x7E
   */
  public SessionId {
    requireNonNull(value, "value");
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
  }

  /**
   * Parses an id, typically from a request header.
   *
   * @param value the header's value
   * @return the id
   * @throws IllegalArgumentException if the value is not a valid session id
   */
  public static SessionId of(String value) {
    return new SessionId(value);
  }

  /**
   * Tells whether a value would be a valid session id, without throwing.
   *
   * @param value the candidate, may be {@code null}
   * @return {@code true} if {@link #of(String)} would accept it
   */
  public static boolean isValid(@org.jspecify.annotations.Nullable String value) {
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

  /** Returns the id's text, as sent on the wire. */
  @Override
  public String toString() {
    return value;
  }
}
