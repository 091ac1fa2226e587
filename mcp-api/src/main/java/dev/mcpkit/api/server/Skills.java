package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The skills a server offers through the Skills extension ({@code io.modelcontextprotocol/skills},
 * SEP-2640), set with {@link McpServerConfig.Builder#skills(Skills)}. The engine declares the
 * extension (with {@code directoryRead}), answers {@code skills/list} ({@link #pageSize()} entries
 * a page), {@code skills/get} and {@code resources/directory/read}, and serves every file as a
 * resource {@code skill://<path>/<file>} with its digest and size in the skill's entry.
 *
 * <p>The engine validates every skill when it is created and refuses to start with an {@link
 * IllegalArgumentException} that names the skill and the rule broken: a {@code SKILL.md} without
 * front-matter, a {@code name} that breaks the naming rules (1-64 lowercase letters, digits and
 * hyphens, no leading, trailing or doubled hyphen) or differs from the path's last segment, a
 * missing or longer than 1024 characters {@code description}, more than 512 files or 16 MiB, a
 * {@code metadata} key under the reserved {@code io.modelcontextprotocol/} prefix, a file whose URI
 * another resource already has.
 *
 * {@snippet :
 * McpServerConfig config = McpServerConfig.builder()
 *     .serverInfo("docs", "1.0.0")
 *     .skills(Skills.fromDirectory(Path.of("skills")))
 *     .build();
 * }
 *
 * @param skills the skills, with unique paths, in the order {@code skills/list} shows them
 * @param pageSize how many entries one {@code skills/list} page holds; positive
 */
public record Skills(List<Skill> skills, int pageSize) {

  /** The page size of {@link #of} and {@link #fromDirectory}. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** Copies the skills and rejects duplicate paths and a page size below 1. */
  public Skills {
    skills = List.copyOf(requireNonNull(skills, "skills"));
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
    }
    Set<String> paths = new HashSet<>();
    for (Skill skill : skills) {
      if (!paths.add(skill.path())) {
        throw new IllegalArgumentException("duplicate skill path '" + skill.path() + "'");
      }
    }
  }

  /**
   * No skills: the extension is not declared.
   *
   * @return an empty set of skills
   */
  public static Skills none() {
    return new Skills(List.of(), DEFAULT_PAGE_SIZE);
  }

  /**
   * The given skills.
   *
   * @param skills the skills
   * @return the skills, {@link #DEFAULT_PAGE_SIZE} a page
   */
  public static Skills of(Skill... skills) {
    return new Skills(List.of(skills), DEFAULT_PAGE_SIZE);
  }

  /**
   * Reads the skills below a directory, once: every directory that holds a {@code SKILL.md} is a
   * skill, its path relative to {@code root} the skill path (the root itself, when it holds one, is
   * the skill named after it), and every regular file below it one of its files (names starting
   * with {@code .} are skipped). A skill inside another is refused.
   *
   * @param root the directory
   * @return the skills, in the order of their paths
   * @throws UncheckedIOException if the directory cannot be read
   * @throws IllegalArgumentException if it holds no skill or a skill inside another
   */
  public static Skills fromDirectory(Path root) {
    requireNonNull(root, "root");
    List<Path> skillDirs;
    try (Stream<Path> walk = Files.walk(root)) {
      skillDirs =
          walk.filter(p -> p.getFileName() != null)
              .filter(p -> p.getFileName().toString().equals(Skill.MANIFEST))
              .filter(Files::isRegularFile)
              .map(Path::getParent)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read skills directory " + root, e);
    }
    if (skillDirs.isEmpty()) {
      throw new IllegalArgumentException("no " + Skill.MANIFEST + " below " + root);
    }
    List<Skill> skills = new ArrayList<>();
    for (Path dir : skillDirs) {
      for (Path other : skillDirs) {
        if (!other.equals(dir) && other.startsWith(dir)) {
          throw new IllegalArgumentException(
              "skill directory " + other + " is inside skill directory " + dir);
        }
      }
      String path =
          dir.equals(root)
              ? String.valueOf(root.toAbsolutePath().normalize().getFileName())
              : slashed(root.relativize(dir));
      skills.add(new Skill(path, filesOf(dir)));
    }
    return new Skills(skills, DEFAULT_PAGE_SIZE);
  }

  /**
   * Returns a copy with another page size for {@code skills/list}.
   *
   * @param pageSize entries a page; positive
   * @return the copy
   */
  public Skills withPageSize(int pageSize) {
    return new Skills(skills, pageSize);
  }

  /**
   * Tells whether there are no skills.
   *
   * @return {@code true} without skills
   */
  public boolean isEmpty() {
    return skills.isEmpty();
  }

  private static List<SkillFile> filesOf(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<SkillFile> files = new ArrayList<>();
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        Path relative = dir.relativize(file);
        boolean hidden = false;
        for (Path segment : relative) {
          hidden |= segment.toString().startsWith(".");
        }
        if (!hidden) {
          files.add(new SkillFile(slashed(relative), Files.readAllBytes(file)));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read skill directory " + dir, e);
    }
  }

  private static String slashed(Path relative) {
    List<String> segments = new ArrayList<>();
    for (Path segment : relative) {
      segments.add(segment.toString());
    }
    return String.join("/", segments);
  }
}
