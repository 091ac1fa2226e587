package dev.mcpkit.api.server;

import java.util.Locale;

/** Who speaks a message of a prompt (MCP {@code Role}). */
public enum Role {
  /** The user. */
  USER,
  /** The assistant (the model). */
  ASSISTANT;

  /**
   * Returns the role as written on the wire.
   *
   * @return {@code "user"} or {@code "assistant"}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
