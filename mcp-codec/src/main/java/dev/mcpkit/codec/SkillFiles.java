package dev.mcpkit.codec;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the engine and the client of the Skills extension (SEP-2640) must compute alike: the digest
 * of a skill file ({@code sha256:} and 64 lowercase hex digits over its raw bytes) and the YAML
 * front-matter of a {@code SKILL.md}, rendered verbatim as a JSON object. The server publishes both
 * in a skill's entry; the client recomputes them from what it reads and refuses any difference.
 *
 * <p>Stateless and thread-safe.
 */
public final class SkillFiles {
  /** The front-matter block: a first line {@code ---}, the YAML, a closing line {@code ---}. */
  private static final Pattern FRONT_MATTER =
      Pattern.compile("\\A---\\r?\\n([\\s\\S]*?)\\r?\\n---[ \\t]*(?:\\r?\\n|\\z)");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private SkillFiles() {}

  /**
   * The digest of a file's raw bytes as the extension writes it.
   *
   * @param content the bytes
   * @return {@code sha256:} followed by 64 lowercase hexadecimal digits
   */
  public static String digest(byte[] content) {
    requireNonNull(content, "content");
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Parses the YAML front-matter at the start of a {@code SKILL.md} (a leading byte-order mark is
   * ignored).
   *
   * @param skillMd the file's bytes, UTF-8
   * @return the front-matter as a JSON object, or {@code null} when the file does not begin with a
   *     {@code ---} delimited block or the block is not a YAML mapping
   */
  public static @Nullable ObjectNode frontMatter(byte[] skillMd) {
    String text = new String(requireNonNull(skillMd, "skillMd"), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Matcher matcher = FRONT_MATTER.matcher(text);
    if (!matcher.find()) {
      return null;
    }
    try {
      JsonNode node = YAML.readTree(matcher.group(1));
      return node instanceof ObjectNode object ? object : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
