package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's command line: {@code --upstream NAME=URL} (repeatable), {@code --host HOST}
 * (default {@code 127.0.0.1}) and {@code --port PORT} (default 8080; 0 picks a free port). Both
 * {@code --name value} and {@code --name=value} work.
 *
 * @param host the address to bind
 * @param port the port
 * @param upstreams the upstreams, in order
 */
record GatewayOptions(String host, int port, List<UpstreamConfig> upstreams) {

  GatewayOptions {
    requireNonNull(host, "host");
    upstreams = List.copyOf(upstreams);
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static GatewayOptions parse(String... args) {
    String host = ServerOptions.DEFAULT_HOST;
    int port = ServerOptions.DEFAULT_PORT;
    List<UpstreamConfig> upstreams = new ArrayList<>();
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
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--host" -> host = value;
        case "--port" -> port = port(value);
        case "--upstream" -> upstreams.add(upstream(value));
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (upstreams.isEmpty()) {
      throw new IllegalArgumentException("give at least one --upstream NAME=URL");
    }
    return new GatewayOptions(host, port, upstreams);
  }

  /** The gateway these options describe, its upstreams probed. */
  McpGateway gateway() {
    McpGateway.Builder builder = McpGateway.builder();
    upstreams.forEach(builder::upstream);
    return builder.build();
  }

  private static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException("--port must be 0-65535, got '" + value + "'");
  }

  private static UpstreamConfig upstream(String value) {
    int equals = value.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--upstream must be NAME=URL, got '" + value + "'");
    }
    String name = value.substring(0, equals);
    String target = value.substring(equals + 1);
    if (target.startsWith("stdio:")) {
      throw new IllegalArgumentException(
          "--upstream " + name + ": stdio upstreams arrive with the stdio transport");
    }
    try {
      return UpstreamConfig.http(name, new URI(target));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--upstream " + name + ": bad URL '" + target + "'");
    }
  }
}
