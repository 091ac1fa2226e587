package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The client's self-description from {@code initialize} ({@code clientInfo}, an MCP {@code
 * Implementation}).
 *
 * @param name the client's programmatic name
 * @param version the client's version
 * @param title a human-readable name, if the client gave one
 */
public record ClientInfo(String name, String version, @Nullable String title) {
  /** Validates the fields. */
  public ClientInfo {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
  }
}
