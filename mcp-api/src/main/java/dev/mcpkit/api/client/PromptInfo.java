package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A prompt as {@code prompts/list} describes it.
 *
 * @param name the prompt's name, what {@link McpClient#getPrompt(String, java.util.Map)} takes
 * @param title its human-readable title, or {@code null}
 * @param description its description, or {@code null}
 * @param arguments the arguments it takes, in order
 * @param raw the whole description as sent (icons, {@code _meta} ...)
 */
public record PromptInfo(
    String name,
    @Nullable String title,
    @Nullable String description,
    List<Argument> arguments,
    JsonNode raw) {
  /** Validates the fields and copies the list. */
  public PromptInfo {
    requireNonNull(name, "name");
    arguments = List.copyOf(requireNonNull(arguments, "arguments"));
    requireNonNull(raw, "raw");
  }

  /**
   * One argument of a prompt.
   *
   * @param name the argument's name
   * @param description its description, or {@code null}
   * @param required whether {@code prompts/get} must give it
   */
  public record Argument(String name, @Nullable String description, boolean required) {
    /** Validates the fields. */
    public Argument {
      requireNonNull(name, "name");
    }
  }

  /**
   * Reads one entry of a {@code prompts/list} result; a missing {@code name} reads as empty.
   *
   * @param raw the entry
   * @return the description
   */
  public static PromptInfo from(JsonNode raw) {
    requireNonNull(raw, "raw");
    List<Argument> arguments = new ArrayList<>();
    raw.path("arguments")
        .forEach(
            argument ->
                arguments.add(
                    new Argument(
                        argument.path("name").asString(""),
                        JsonFields.string(argument, "description"),
                        argument.path("required").asBoolean(false))));
    return new PromptInfo(
        raw.path("name").asString(""),
        JsonFields.string(raw, "title"),
        JsonFields.string(raw, "description"),
        arguments,
        raw);
  }
}
