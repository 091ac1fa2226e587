package dev.mcpkit.api.client;

import java.io.Serial;

/**
 * A skill file the client read does not match the skill's entry: its size or digest differs from
 * the listed ones, the {@code SKILL.md} front-matter differs from the entry's, or the file is not
 * listed at all. The content was not used (the Skills extension requires hosts not to use
 * unverified content).
 */
public final class SkillVerificationException extends McpClientException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * A verification failure.
   *
   * @param message which file failed which check
   */
  public SkillVerificationException(String message) {
    super(message, null);
  }
}
