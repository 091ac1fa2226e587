package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@code skills/list}.
 *
 * @param skills the entries of this page
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 */
public record SkillPage(List<SkillEntry> skills, @Nullable String nextCursor) {

  /** Copies the entries. */
  public SkillPage {
    skills = List.copyOf(requireNonNull(skills, "skills"));
  }

  /**
   * Returns the cursor of the next page.
   *
   * @return the cursor, or empty on the last page
   */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
