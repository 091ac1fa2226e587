package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

/**
 * One file a skill entry lists ({@code resources[]} of the Skills extension): its URI and what its
 * raw bytes must be, so that the client can verify a read before using it.
 *
 * @param uri the file's resource URI, the skill's {@code SKILL.md} or a file below its directory
 * @param digest {@code sha256:} and 64 lowercase hex digits over the raw bytes
 * @param size the length in bytes of the raw content; not negative
 */
public record SkillFileEntry(String uri, String digest, long size) {

  /** Validates the fields. */
  public SkillFileEntry {
    requireNonNull(uri, "uri");
    requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("size of '" + uri + "' must not be negative: " + size);
    }
  }
}
