package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

/**
 * The command line of the example servers: {@code --host HOST} (default {@code 127.0.0.1}) and
 * {@code --port PORT} (default 8080; 0 picks a free port). Both {@code --name value} and {@code
 * --name=value} work.
 *
 * @param host the address to bind
 * @param port the port to listen on
 */
record ServerOptions(String host, int port) {
  static final String DEFAULT_HOST = "127.0.0.1";
  static final int DEFAULT_PORT = 8080;

  ServerOptions {
    requireNonNull(host, "host");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static ServerOptions parse(String... args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
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
        default ->
            throw new IllegalArgumentException(
                "unknown option " + name + " (use --host and --port)");
      }
    }
    return new ServerOptions(host, port);
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
