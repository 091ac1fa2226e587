package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a {@link CompletionHandler}: at most {@value #MAX_VALUES} suggested values, and
 * optionally how many there are in all and whether more exist than are shown.
 *
 * @param values the suggestions, at most {@value #MAX_VALUES}
 * @param total how many suggestions exist in all, or {@code null} if unknown; not less than the
 *     number of values
 * @param hasMore {@code true} if more suggestions exist than {@code values} holds
 */
public record Completion(List<String> values, @Nullable Integer total, boolean hasMore) {
  /** The most values one completion may carry, as the specification says. */
  public static final int MAX_VALUES = 100;

  /** Validates the fields and copies the list. */
  public Completion {
    values = List.copyOf(requireNonNull(values, "values"));
    if (values.size() > MAX_VALUES) {
      throw new IllegalArgumentException(
          "a completion carries at most " + MAX_VALUES + " values, was " + values.size());
    }
    if (total != null && total < values.size()) {
      throw new IllegalArgumentException(
          "total " + total + " is less than the " + values.size() + " values");
    }
  }

  /**
   * Creates a completion from every match: the first {@value #MAX_VALUES} are shown, {@code total}
   * is the number of matches, and {@code hasMore} tells whether some were cut off.
   *
   * @param matches every match, in the order to show them
   * @return the completion
   */
  public static Completion of(List<String> matches) {
    requireNonNull(matches, "matches");
    List<String> shown = matches.size() > MAX_VALUES ? matches.subList(0, MAX_VALUES) : matches;
    return new Completion(shown, matches.size(), matches.size() > MAX_VALUES);
  }

  /**
   * Returns a completion with no suggestions.
   *
   * @return the empty completion ({@code total} 0, no more)
   */
  public static Completion empty() {
    return new Completion(List.of(), 0, false);
  }
}
