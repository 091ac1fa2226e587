package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A prompt template the server offers: what {@code prompts/list} shows and what {@code prompts/get}
 * renders.
 *
 * {@snippet :
 * Prompt review = Prompt.of("review", "Asks for a code review.",
 *     List.of(PromptArgument.required("code", "The code to review")),
 *     (arguments, ctx) -> PromptResult.of(PromptMessage.user("Please review:\n" + arguments.get("code"))));
 * }
 *
 * <p>A prompt may require scopes of the caller ({@link #withRequiredScopes}): a principal that
 * lacks one does not see it in {@code prompts/list}, and its {@code prompts/get} and the {@code
 * completion/complete} of its arguments are refused as a {@linkplain Tool tool call} without the
 * tool's scopes is.
 *
 * @param name the unique name clients get it by; not blank
 * @param title a human-readable name, or {@code null}
 * @param description what it is for; shown to users and checked by clients, so it is required
 * @param arguments the arguments it accepts, with unique names, in order
 * @param handler the code that renders it
 * @param requiredScopes the scopes a caller must hold, all of them, to see and get the prompt (see
 *     {@link dev.mcpkit.api.ScopedPrincipal}); empty (the default) for none
 */
public record Prompt(
    String name,
    @Nullable String title,
    String description,
    List<PromptArgument> arguments,
    PromptHandler handler,
    Set<String> requiredScopes) {

  /** Validates the fields, copies the list and the scopes, and rejects duplicate argument names. */
  public Prompt {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(handler, "handler");
    arguments = List.copyOf(requireNonNull(arguments, "arguments"));
    requiredScopes = RequiredScopes.copyOf(requiredScopes, "prompt '" + name + "'");
    if (name.isBlank()) {
      throw new IllegalArgumentException("prompt name must not be blank");
    }
    Set<String> names = new HashSet<>();
    for (PromptArgument argument : arguments) {
      if (!names.add(argument.name())) {
        throw new IllegalArgumentException(
            "duplicate argument name '" + argument.name() + "' in prompt '" + name + "'");
      }
    }
  }

  /**
   * Creates a prompt that requires no scopes.
   *
   * @param name the prompt's name
   * @param title a human-readable name, or {@code null}
   * @param description what it is for
   * @param arguments the arguments it accepts
   * @param handler the code that renders it
   */
  public Prompt(
      String name,
      @Nullable String title,
      String description,
      List<PromptArgument> arguments,
      PromptHandler handler) {
    this(name, title, description, arguments, handler, Set.of());
  }

  /**
   * Creates a prompt without a title.
   *
   * @param name the prompt's name
   * @param description what it is for
   * @param arguments the arguments it accepts
   * @param handler the code that renders it
   * @return the prompt
   */
  public static Prompt of(
      String name, String description, List<PromptArgument> arguments, PromptHandler handler) {
    return new Prompt(name, null, description, arguments, handler);
  }

  /**
   * Returns a copy with a title.
   *
   * @param title the human-readable name
   * @return the copy
   */
  public Prompt withTitle(String title) {
    return new Prompt(
        name, requireNonNull(title, "title"), description, arguments, handler, requiredScopes);
  }

  /**
   * Returns a copy that requires the given scopes of its callers, in place of those it required.
   *
   * @param scopes the scopes a caller must hold, all of them; none for a prompt open to every
   *     caller
   * @return the copy
   * @throws IllegalArgumentException if a scope is not an RFC 6749 scope token
   */
  public Prompt withRequiredScopes(String... scopes) {
    return new Prompt(
        name,
        title,
        description,
        arguments,
        handler,
        RequiredScopes.copyOf(scopes, "prompt '" + name + "'"));
  }
}
