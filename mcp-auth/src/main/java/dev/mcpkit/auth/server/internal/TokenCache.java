package dev.mcpkit.auth.server.internal;

import dev.mcpkit.auth.TokenPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The principals of tokens already validated, until a given instant (the token's expiry at the
 * latest), so a client that reuses its access token (the common case: one token per hour) costs a
 * digest and a map lookup per request instead of a signature check or an introspection. Keyed by
 * the token's SHA-256 digest: the tokens themselves are not kept. Bounded: when full, expired
 * entries are dropped, and if none were, a new entry is not cached (a flood of distinct tokens
 * cannot evict the good ones, nor grow the map).
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap}; two requests with the same uncached token may both
 * validate it.
 */
final class TokenCache {
  private final int maxSize;
  private final Map<Digest, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(TokenPrincipal principal, Instant until) {}

  /** A token's SHA-256 digest as a map key. */
  record Digest(long a, long b, long c, long d) {
    static Digest of(String token) {
      byte[] bytes;
      try {
        bytes = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
      return new Digest(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
    }
  }

  /**
   * @param maxSize the most entries kept; 0 caches nothing
   */
  TokenCache(int maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize must not be negative, was " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /** The cached principal of a token still valid at {@code now}, or {@code null}. */
  @Nullable TokenPrincipal get(Digest token, Instant now) {
    if (maxSize == 0) {
      return null;
    }
    Entry entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (now.isBefore(entry.until())) {
      return entry.principal();
    }
    entries.remove(token, entry);
    return null;
  }

  /** Remembers a validated token's principal until the given instant. */
  void put(Digest token, TokenPrincipal principal, Instant until, Instant now) {
    if (maxSize == 0 || !now.isBefore(until)) {
      return;
    }
    if (entries.size() >= maxSize) {
      entries.values().removeIf(entry -> !now.isBefore(entry.until()));
      if (entries.size() >= maxSize) {
        return;
      }
    }
    entries.put(token, new Entry(principal, until));
  }

  /** How many entries are kept; for tests. */
  int size() {
    return entries.size();
  }
}
