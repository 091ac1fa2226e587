package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A skill as {@code skills/list} or {@code skills/get} describe it (the Skills extension,
 * SEP-2640): the URI of its {@code SKILL.md}, that file's front-matter, and the files with their
 * digests and sizes. Describing a skill fetches none of its files; {@link McpClient#loadSkill}
 * does, and verifies them against this entry.
 *
 * @param uri the URI of the skill's {@code SKILL.md}, which identifies the skill
 * @param frontmatter the front-matter as the server rendered it (a copy is kept)
 * @param files every file with its digest and size, the {@code SKILL.md} among them; empty when
 *     {@code dynamic}
 * @param dynamic whether the server published no file manifest ({@code "resources": "dynamic"})
 */
public record SkillEntry(
    String uri, ObjectNode frontmatter, List<SkillFileEntry> files, boolean dynamic) {

  /** Validates the fields and copies the front-matter and the files. */
  public SkillEntry {
    requireNonNull(uri, "uri");
    frontmatter = requireNonNull(frontmatter, "frontmatter").deepCopy();
    files = List.copyOf(requireNonNull(files, "files"));
  }

  /**
   * Returns the front-matter as the server rendered it.
   *
   * @return a copy, which the caller may change
   */
  @Override
  public ObjectNode frontmatter() {
    return frontmatter.deepCopy();
  }

  /**
   * Returns the listed file with this URI.
   *
   * @param fileUri the file's URI
   * @return the file's entry, or empty when the skill lists no such file
   */
  public Optional<SkillFileEntry> file(String fileUri) {
    requireNonNull(fileUri, "fileUri");
    return files.stream().filter(f -> f.uri().equals(fileUri)).findFirst();
  }

  /**
   * Returns the skill's name, from the front-matter.
   *
   * @return the {@code name}, or an empty string without one
   */
  public String name() {
    return frontmatter.path("name").asString("");
  }
}
