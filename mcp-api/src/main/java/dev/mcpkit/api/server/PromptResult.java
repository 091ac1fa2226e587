package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code prompts/get} returns: the rendered messages and an optional description.
 *
 * {@snippet :
 * PromptResult result = PromptResult.of(
 *     PromptMessage.user("Review this code:"),
 *     PromptMessage.user(Content.resource(ResourceContents.text("file:///Main.java", "text/x-java", source))));
 * }
 *
 * @param description a description of this rendering, or {@code null}
 * @param messages the messages, in order
 */
public record PromptResult(@Nullable String description, List<PromptMessage> messages) {

  /** Validates the fields and copies the list. */
  public PromptResult {
    messages = List.copyOf(requireNonNull(messages, "messages"));
  }

  /**
   * Creates a result without a description.
   *
   * @param messages the messages
   * @return the result
   */
  public static PromptResult of(PromptMessage... messages) {
    return new PromptResult(null, List.of(messages));
  }
}
