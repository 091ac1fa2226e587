package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One file of a {@link Skill}: its path inside the skill's directory ({@code SKILL.md}, {@code
 * references/FORMS.md}) and its raw bytes, which the server serves and digests as they are.
 *
 * @param path the path relative to the skill's root, {@code /}-separated, without empty, {@code .}
 *     or {@code ..} segments
 * @param content the raw bytes; copied in and out
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out; the bytes are never shared
public record SkillFile(String path, byte[] content) {

  /** Validates the path and copies the bytes. */
  public SkillFile {
    requireNonNull(path, "path");
    content = requireNonNull(content, "content").clone();
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException(
          "skill file path '" + path + "' must be relative and name a file");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "skill file path '" + path + "' has an empty, '.' or '..' segment");
      }
    }
  }

  /**
   * A text file, encoded as UTF-8.
   *
   * @param path the path relative to the skill's root
   * @param text the text
   * @return the file
   */
  public static SkillFile text(String path, String text) {
    return new SkillFile(path, requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns a copy of the raw bytes.
   *
   * @return the bytes
   */
  @Override
  public byte[] content() {
    return content.clone();
  }

  /**
   * Returns the number of bytes.
   *
   * @return the size
   */
  public int size() {
    return content.length;
  }
}
