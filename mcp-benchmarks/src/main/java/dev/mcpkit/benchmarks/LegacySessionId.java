package dev.mcpkit.benchmarks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The baseline of {@link SessionIdBenchmark} and {@link SessionEntryBenchmark}: mcpkit's session id
 * as it was before issue 20 (a record of its validated {@code String}; minted as 18 bytes from one
 * shared {@code SecureRandom}, 24 characters of URL-safe Base64; hashed for the table by
 * MurmurHash3's finalizer over {@code String.hashCode}), kept here so the old and the new way run
 * side by side in one JVM.
 *
 * @param value the id's text, visible ASCII
 */
record LegacySessionId(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** Validates as the old compact constructor did. */
  LegacySessionId {
    if (value.isEmpty() || value.length() > 128) {
      throw new IllegalArgumentException("bad length");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("bad character at " + i);
      }
    }
  }

  /** The old {@code SessionIdGenerator.next()}. */
  static LegacySessionId next() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return new LegacySessionId(ENCODER.encodeToString(bytes));
  }

  /** The old {@code StripedSessionTable.spread}. */
  int spread() {
    int h = value.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
