package dev.mcpkit.api.server;

import java.util.Locale;
import java.util.Optional;

/**
 * The syslog severities MCP uses for {@code notifications/message} and {@code logging/setLevel}.
 */
public enum LogLevel {
  /** Detailed debugging information. */
  DEBUG,
  /** General information. */
  INFO,
  /** Normal but significant events. */
  NOTICE,
  /** Warning conditions. */
  WARNING,
  /** Error conditions. */
  ERROR,
  /** Critical conditions. */
  CRITICAL,
  /** Action must be taken immediately. */
  ALERT,
  /** The system is unusable. */
  EMERGENCY;

  /**
   * Returns the level as written on the wire, e.g. {@code "warning"}.
   *
   * @return the lower-case name
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Looks a level up by its wire name.
   *
   * @param wireName e.g. {@code "info"}
   * @return the level, or empty if there is none of that name
   */
  public static Optional<LogLevel> fromWireName(String wireName) {
    for (LogLevel level : values()) {
      if (level.wireName().equals(wireName)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
