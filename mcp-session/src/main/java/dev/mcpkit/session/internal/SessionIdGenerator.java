package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionId;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Mints unguessable session ids: {@value #RANDOM_BYTES} bytes (144 bits) from one shared {@link
 * SecureRandom}, rendered as URL-safe Base64 without padding, i.e. 24 characters from {@code
 * [A-Za-z0-9_-]}, all within the visible ASCII range the MCP specification requires.
 *
 * <p>Thread-safe: {@code SecureRandom} and {@code Base64.Encoder} are safe for concurrent use, so
 * one instance is shared instead of a per-thread cache (which would multiply with virtual threads).
 */
final class SessionIdGenerator {
  /**
   * 144 bits: above the 128 the design asks for, and a multiple of 3 so Base64 needs no padding.
   */
  static final int RANDOM_BYTES = 18;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SessionIdGenerator() {}

  /**
   * Returns a fresh id.
   *
   * @return the id
   */
  static SessionId next() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return new SessionId(ENCODER.encodeToString(bytes));
  }
}
