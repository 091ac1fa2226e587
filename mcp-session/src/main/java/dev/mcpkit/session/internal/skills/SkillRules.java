package dev.mcpkit.session.internal.skills;

import dev.mcpkit.api.server.Skill;
import dev.mcpkit.api.server.SkillFile;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules a skill must follow to be served, from the Agent Skills specification and SEP-2640,
 * checked once when the engine is created. Each failure is an {@link IllegalArgumentException}
 * whose message names the skill and the rule. Stateless.
 */
final class SkillRules {
  /** 1-64 lowercase letters, digits and hyphens; no leading, trailing or consecutive hyphen. */
  static final Pattern NAME = Pattern.compile("^(?!.*--)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$");

  /** RFC 3986 reg-name: the first path segment is the URI's authority. */
  private static final Pattern REG_NAME =
      Pattern.compile("^(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$");

  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_COMPATIBILITY = 500;
  static final int MAX_FILES = 512;
  static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
  static final String RESERVED_METADATA_PREFIX = "io.modelcontextprotocol/";

  private SkillRules() {}

  /**
   * Checks a skill and its parsed front-matter.
   *
   * @param skill the skill
   * @param frontMatter its {@code SKILL.md} front-matter, or {@code null} when it has none
   * @return the front-matter, checked
   * @throws IllegalArgumentException naming the skill and the rule it breaks
   */
  static ObjectNode check(Skill skill, @Nullable ObjectNode frontMatter) {
    String id = "skill '" + skill.path() + "': ";
    String authority = skill.path().split("/", -1)[0];
    if (!REG_NAME.matcher(authority).matches()) {
      throw new IllegalArgumentException(
          id + "the first path segment '" + authority + "' is not an RFC 3986 reg-name");
    }
    if (frontMatter == null) {
      throw new IllegalArgumentException(
          id + "SKILL.md must begin with YAML front-matter between '---' lines (a mapping)");
    }
    JsonNode name = frontMatter.get("name");
    if (name == null || !name.isString() || name.stringValue().isEmpty()) {
      throw new IllegalArgumentException(id + "front-matter 'name' is required (a string)");
    }
    if (!NAME.matcher(name.stringValue()).matches()) {
      throw new IllegalArgumentException(
          id
              + "front-matter name '"
              + name.stringValue()
              + "' breaks the naming rules (1-64 lowercase letters, digits and hyphens; no"
              + " leading, trailing or consecutive hyphen)");
    }
    if (!name.stringValue().equals(skill.name())) {
      throw new IllegalArgumentException(
          id
              + "front-matter name '"
              + name.stringValue()
              + "' must equal the last segment of the skill path, '"
              + skill.name()
              + "'");
    }
    JsonNode description = frontMatter.get("description");
    if (description == null || !description.isString() || description.stringValue().isBlank()) {
      throw new IllegalArgumentException(
          id + "front-matter 'description' is required (a non-empty string)");
    }
    if (description.stringValue().length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          id + "front-matter 'description' exceeds " + MAX_DESCRIPTION + " characters");
    }
    JsonNode compatibility = frontMatter.get("compatibility");
    if (compatibility != null
        && (!compatibility.isString()
            || compatibility.stringValue().length() > MAX_COMPATIBILITY)) {
      throw new IllegalArgumentException(
          id
              + "front-matter 'compatibility' must be a string of at most "
              + MAX_COMPATIBILITY
              + " characters");
    }
    JsonNode metadata = frontMatter.get("metadata");
    if (metadata != null) {
      if (!metadata.isObject()) {
        throw new IllegalArgumentException(id + "front-matter 'metadata' must be a mapping");
      }
      for (String key : metadata.propertyNames()) {
        if (key.startsWith(RESERVED_METADATA_PREFIX)) {
          throw new IllegalArgumentException(
              id
                  + "front-matter metadata key '"
                  + key
                  + "' uses the prefix "
                  + RESERVED_METADATA_PREFIX
                  + ", reserved for MCP extensions");
        }
      }
    }
    if (skill.files().size() > MAX_FILES) {
      throw new IllegalArgumentException(
          id + skill.files().size() + " files exceed the limit of " + MAX_FILES + " per skill");
    }
    long total = 0;
    for (SkillFile file : skill.files()) {
      total += file.size();
    }
    if (total > MAX_TOTAL_BYTES) {
      throw new IllegalArgumentException(
          id + total + " bytes exceed the limit of " + MAX_TOTAL_BYTES + " (16 MiB) per skill");
    }
    return frontMatter;
  }
}
