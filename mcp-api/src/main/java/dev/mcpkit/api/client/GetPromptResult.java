package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The result of {@code prompts/get}.
 *
 * {@snippet :
 * GetPromptResult prompt = client.getPrompt("welcome", Map.of("user", "Ada"));
 * for (GetPromptResult.Message message : prompt.messages()) {
 *   System.out.println(message.role() + ": " + message.text());
 * }
 * }
 *
 * @param description the prompt's description, or {@code null}
 * @param messages the messages, in order
 * @param raw the whole result as sent
 */
public record GetPromptResult(@Nullable String description, List<Message> messages, JsonNode raw) {
  /** Validates the fields and copies the list. */
  public GetPromptResult {
    messages = List.copyOf(requireNonNull(messages, "messages"));
    requireNonNull(raw, "raw");
  }

  /**
   * One message of a prompt.
   *
   * @param role {@code user} or {@code assistant}
   * @param content the content block as sent (text, image, audio, resource ...)
   */
  public record Message(String role, JsonNode content) {
    /** Validates the fields. */
    public Message {
      requireNonNull(role, "role");
      requireNonNull(content, "content");
    }

    /**
     * Returns the text of a text block.
     *
     * @return the text, empty if the content is not text
     */
    public String text() {
      return "text".equals(content.path("type").asString(""))
          ? content.path("text").asString("")
          : "";
    }
  }

  /**
   * Reads a {@code prompts/get} result.
   *
   * @param raw the result
   * @return the typed result
   */
  public static GetPromptResult from(JsonNode raw) {
    requireNonNull(raw, "raw");
    List<Message> messages = new ArrayList<>();
    raw.path("messages")
        .forEach(
            message ->
                messages.add(
                    new Message(message.path("role").asString(""), message.path("content"))));
    return new GetPromptResult(JsonFields.string(raw, "description"), messages, raw);
  }
}
