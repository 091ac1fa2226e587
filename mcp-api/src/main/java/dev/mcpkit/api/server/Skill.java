package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One skill of the Skills extension ({@code io.modelcontextprotocol/skills}, SEP-2640): a directory
 * of files with a {@code SKILL.md} at its root, served as the resources {@code
 * skill://<path>/<file>}. The {@code SKILL.md} begins with YAML front-matter holding at least
 * {@code name} (equal to the last segment of {@link #path()}) and {@code description}; the engine
 * checks that, the naming rules and the size limits when it is created ({@link Skills}).
 *
 * {@snippet :
 * Skill skill = Skill.of("pdf-processing", List.of(
 *     SkillFile.text("SKILL.md", "---\nname: pdf-processing\ndescription: Fills PDF forms\n---\n..."),
 *     SkillFile.text("references/FORMS.md", "...")));
 * }
 *
 * @param path the skill path: one or more {@code /}-separated segments, the last being the skill's
 *     name (for example {@code pdf-processing} or {@code acme/pdf-processing})
 * @param files the files, with unique paths, {@code SKILL.md} among them
 */
public record Skill(String path, List<SkillFile> files) {

  /** The manifest every skill has at its root. */
  public static final String MANIFEST = "SKILL.md";

  /** Validates the path, copies the files and rejects duplicates and a missing manifest. */
  public Skill {
    requireNonNull(path, "path");
    files = List.copyOf(requireNonNull(files, "files"));
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("skill path '" + path + "' must not be empty or end in /");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "skill path '" + path + "' has an empty, '.' or '..' segment");
      }
    }
    Set<String> paths = new HashSet<>();
    for (SkillFile file : files) {
      if (!paths.add(file.path())) {
        throw new IllegalArgumentException(
            "skill '" + path + "': duplicate file '" + file.path() + "'");
      }
    }
    if (!paths.contains(MANIFEST)) {
      throw new IllegalArgumentException(
          "skill '" + path + "': has no " + MANIFEST + " at its root");
    }
  }

  /**
   * Creates a skill.
   *
   * @param path the skill path, its last segment the skill's name
   * @param files the files, {@code SKILL.md} among them
   * @return the skill
   */
  public static Skill of(String path, List<SkillFile> files) {
    return new Skill(path, files);
  }

  /**
   * Returns the skill's name: the last segment of its path.
   *
   * @return the name
   */
  public String name() {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /**
   * Returns the URI of the skill's {@code SKILL.md}, which identifies the skill.
   *
   * @return {@code skill://<path>/SKILL.md}
   */
  public String uri() {
    return "skill://" + path + "/" + MANIFEST;
  }
}
