package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The server's self-description, sent as {@code serverInfo} in the {@code initialize} result (an
 * MCP {@code Implementation}).
 *
 * @param name the server's programmatic name; not blank
 * @param version the server's version; not blank
 * @param title a human-readable name, or {@code null}
 */
public record ServerInfo(String name, String version, @Nullable String title) {
  /** Validates the fields. */
  public ServerInfo {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (version.isBlank()) {
      throw new IllegalArgumentException("version must not be blank");
    }
  }

  /**
   * Creates a server info without a title.
   *
   * @param name the server's programmatic name
   * @param version the server's version
   * @return the server info
   */
  public static ServerInfo of(String name, String version) {
    return new ServerInfo(name, version, null);
  }
}
