package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the example servers: {@code --host HOST} (default {@code 127.0.0.1}), {@code
 * --port PORT} (default 8080; 0 picks a free port) and {@code --idle-timeout SECONDS} (how long an
 * idle session lives; default: the server's own). Both {@code --name value} and {@code
 * --name=value} work.
 *
 * @param host the address to bind
 * @param port the port to listen on
 * @param idleTimeout the sessions' idle timeout, or null for the server's default
 */
record ServerOptions(String host, int port, @Nullable Duration idleTimeout) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;

  /**
   * The shortest idle timeout accepted: a session policy's idle timeout must exceed its touch
   * granularity (1 s by default).
   */
  static final long MIN_IDLE_SECONDS = 2;

  /** The longest idle timeout accepted: the sessions' default absolute lifetime, one day. */
  static final long MAX_IDLE_SECONDS = 86_400;

  ServerOptions {
    requireNonNull(host, "host");
  }

  /** Options with the server's default idle timeout. */
  ServerOptions(String host, int port) {
    this(host, port, null);
  }

  /**
   * The idle timeout asked for on the command line.
   *
   * @return empty when the server's default applies
   */
  Optional<Duration> idleTimeoutOption() {
    return Optional.ofNullable(idleTimeout);
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static ServerOptions parse(String... args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    Duration idleTimeout = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("missing value for " + arg);
      }
      switch (name) {
        case "--host" -> host = value;
        case "--port" -> port = port(value);
        case "--idle-timeout" -> idleTimeout = idleTimeout(value);
        default ->
            throw new IllegalArgumentException(
                "unknown option " + name + " (use --host, --port and --idle-timeout)");
      }
    }
    return new ServerOptions(host, port, idleTimeout);
  }

  private static Duration idleTimeout(String value) {
    long seconds;
    try {
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--idle-timeout must be a whole number of seconds, was " + value, e);
    }
    if (seconds < MIN_IDLE_SECONDS || seconds > MAX_IDLE_SECONDS) {
      throw new IllegalArgumentException(
          "--idle-timeout must be from "
              + MIN_IDLE_SECONDS
              + " to "
              + MAX_IDLE_SECONDS
              + " seconds, was "
              + value);
    }
    return Duration.ofSeconds(seconds);
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port must be from 0 to 65535, was " + value);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--port must be a number, was " + value, e);
    }
  }
}
