package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.session.McpEngines;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of the example servers: {@code --host HOST} (default {@code 127.0.0.1}), {@code
 * --port PORT} (default 8080; 0 picks a free port) and {@code --idle-timeout SECONDS} (how long an
 * idle session lives; default: the server's own), and for a server protected as an OAuth resource
 * server (see {@link AuthOptions}) {@code --auth-issuer URL}, {@code --auth-resource URI} and
 * {@code --auth-scopes a,b}. Both {@code --name value} and {@code --name=value} work. {@code
 * --stdio} (a flag, no value) serves on standard input and output instead of HTTP: no address is
 * bound and no {@code MCP endpoint:} line is printed, since standard output carries the protocol.
 * {@code --protocol sessions|stateless} serves only the session-based revisions (2025-03-26 to
 * 2025-11-25) or only 2026-07-28; without it, both.
 *
 * @param host the address to bind
 * @param port the port to listen on
 * @param idleTimeout the sessions' idle timeout, or null for the server's default
 * @param auth how the server is protected, or null for no authorization
 * @param stdio whether to serve on standard input and output instead of HTTP
 * @param generations the protocol generations served
 */
record ServerOptions(
    String host,
    int port,
    @Nullable Duration idleTimeout,
    @Nullable AuthOptions auth,
    boolean stdio,
    Set<McpEngines.Generation> generations) {
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
    generations = Set.copyOf(generations);
  }

  /** Options that serve both protocol generations. */
  ServerOptions(
      String host,
      int port,
      @Nullable Duration idleTimeout,
      @Nullable AuthOptions auth,
      boolean stdio) {
    this(host, port, idleTimeout, auth, stdio, EverythingServer.ALL_GENERATIONS);
  }

  /** Options over HTTP. */
  ServerOptions(String host, int port, @Nullable Duration idleTimeout, @Nullable AuthOptions auth) {
    this(host, port, idleTimeout, auth, false);
  }

  /** Options with the server's default idle timeout. */
  ServerOptions(String host, int port) {
    this(host, port, null, null);
  }

  /** Options without authorization. */
  ServerOptions(String host, int port, @Nullable Duration idleTimeout) {
    this(host, port, idleTimeout, null);
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
    URI issuer = null;
    URI resource = null;
    List<String> scopes = List.of();
    boolean stdio = false;
    Set<McpEngines.Generation> generations = EverythingServer.ALL_GENERATIONS;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--stdio")) {
        stdio = true;
        continue;
      }
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
        case "--auth-issuer" -> issuer = uri(name, value);
        case "--auth-resource" -> resource = uri(name, value);
        case "--auth-scopes" -> scopes = scopes(value);
        case "--protocol" -> generations = generations(value);
        default ->
            throw new IllegalArgumentException(
                "unknown option "
                    + name
                    + " (use --host, --port, --idle-timeout, --auth-issuer, --auth-resource,"
                    + " --auth-scopes and --protocol, or the flag --stdio)");
      }
    }
    if (stdio && issuer != null) {
      throw new IllegalArgumentException("--stdio cannot be combined with --auth-issuer");
    }
    if (issuer == null && (resource != null || !scopes.isEmpty())) {
      throw new IllegalArgumentException("--auth-resource and --auth-scopes need --auth-issuer");
    }
    return new ServerOptions(
        host,
        port,
        idleTimeout,
        issuer == null ? null : new AuthOptions(issuer, resource, scopes),
        stdio,
        generations);
  }

  private static Set<McpEngines.Generation> generations(String value) {
    return switch (value) {
      case "sessions" -> Set.of(McpEngines.Generation.SESSIONS);
      case "stateless" -> Set.of(McpEngines.Generation.STATELESS);
      case "both" -> EverythingServer.ALL_GENERATIONS;
      default ->
          throw new IllegalArgumentException(
              "--protocol must be sessions, stateless or both, was " + value);
    };
  }

  private static URI uri(String name, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException(name + " must be an absolute URL, was " + value);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be a URL, was " + value, e);
    }
  }

  private static List<String> scopes(String value) {
    List<String> scopes = new ArrayList<>();
    for (String scope : value.split("[,\\s]+")) {
      if (!scope.isEmpty()) {
        scopes.add(scope);
      }
    }
    return scopes;
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
