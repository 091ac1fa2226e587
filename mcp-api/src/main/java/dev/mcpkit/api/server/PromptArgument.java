package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One argument a {@link Prompt} accepts.
 *
 * @param name the argument's name; not blank
 * @param description what it means, or {@code null}
 * @param required {@code true} if {@code prompts/get} must supply it
 * @param completer suggests values for it ({@code completion/complete} with a {@code ref/prompt}),
 *     or {@code null} for no suggestions
 */
public record PromptArgument(
    String name,
    @Nullable String description,
    boolean required,
    @Nullable CompletionHandler completer) {

  /** Validates the fields. */
  public PromptArgument {
    requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("prompt argument name must not be blank");
    }
  }

  /**
   * Creates a required argument without completion.
   *
   * @param name the argument's name
   * @param description what it means
   * @return the argument
   */
  public static PromptArgument required(String name, String description) {
    return new PromptArgument(name, requireNonNull(description, "description"), true, null);
  }

  /**
   * Creates an optional argument without completion.
   *
   * @param name the argument's name
   * @param description what it means
   * @return the argument
   */
  public static PromptArgument optional(String name, String description) {
    return new PromptArgument(name, requireNonNull(description, "description"), false, null);
  }

  /**
   * Returns a copy that suggests values.
   *
   * @param completer the completion
   * @return the copy
   */
  public PromptArgument withCompleter(CompletionHandler completer) {
    return new PromptArgument(name, description, required, requireNonNull(completer, "completer"));
  }
}
