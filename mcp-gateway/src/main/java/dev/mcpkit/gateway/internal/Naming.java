package dev.mcpkit.gateway.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names a gateway shows for its upstreams' tools and prompts: unchanged with one upstream;
 * {@code upstream + separator + name} with several, shortened to {@value #MAX_LENGTH} characters by
 * keeping a prefix and appending a hash of the full name, so that the same name always gets the
 * same exposed name. Stateless and thread-safe.
 */
final class Naming {
  /** The longest name a client is guaranteed to accept (the MCP specification's tool names). */
  static final int MAX_LENGTH = 64;

  private static final int HASH_CHARS = 8;

  private final boolean prefixed;
  private final String separator;

  Naming(boolean prefixed, String separator) {
    this.prefixed = prefixed;
    this.separator = separator;
  }

  boolean prefixed() {
    return prefixed;
  }

  /** The name a client sees for an upstream's name. */
  String exposed(String upstream, String name) {
    if (!prefixed) {
      return name;
    }
    String full = upstream + separator + name;
    if (full.length() <= MAX_LENGTH) {
      return full;
    }
    return full.substring(0, MAX_LENGTH - HASH_CHARS - 1) + "-" + hash(full);
  }

  /**
   * The upstream name and original name of an exposed name that was not shortened, or {@code null}
   * if it does not start with this upstream's prefix.
   */
  @org.jspecify.annotations.Nullable
  String original(String upstream, String exposed) {
    if (!prefixed) {
      return exposed;
    }
    String prefix = upstream + separator;
    return exposed.startsWith(prefix) ? exposed.substring(prefix.length()) : null;
  }

  private static String hash(String full) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(full.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
