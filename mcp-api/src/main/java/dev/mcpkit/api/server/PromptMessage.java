package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

/**
 * One message of a rendered prompt.
 *
 * @param role who speaks it
 * @param content what it says: text, image, audio or an embedded resource
 */
public record PromptMessage(Role role, Content content) {

  /** Validates the fields. */
  public PromptMessage {
    requireNonNull(role, "role");
    requireNonNull(content, "content");
  }

  /**
   * Creates a user message.
   *
   * @param content the content
   * @return the message
   */
  public static PromptMessage user(Content content) {
    return new PromptMessage(Role.USER, content);
  }

  /**
   * Creates a user text message.
   *
   * @param text the text
   * @return the message
   */
  public static PromptMessage user(String text) {
    return new PromptMessage(Role.USER, Content.text(text));
  }

  /**
   * Creates an assistant message.
   *
   * @param content the content
   * @return the message
   */
  public static PromptMessage assistant(Content content) {
    return new PromptMessage(Role.ASSISTANT, content);
  }

  /**
   * Creates an assistant text message.
   *
   * @param text the text
   * @return the message
   */
  public static PromptMessage assistant(String text) {
    return new PromptMessage(Role.ASSISTANT, Content.text(text));
  }
}
