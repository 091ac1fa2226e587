package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.GatewayAuth;
import dev.mcpkit.gateway.GatewayConfig;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway's command line: {@code --upstream NAME=URL}, {@code --upstream NAME=stdio:COMMAND
 * ARGS...} (one argument, split at spaces) or {@code --upstream NAME=tape:FILE} (a recorded tape
 * replayed; repeatable), {@code --tapes DIR} (record each client session's tape there, with the
 * file's {@code tapes:} bounds or the defaults), {@code --config FILE} (a YAML or JSON {@link
 * GatewayConfig}), {@code --host HOST} (default {@code 127.0.0.1}), {@code --port PORT} (default
 * 8080; 0 picks a free port), {@code --stdio} to serve the gateway on standard input and output
 * instead of HTTP, and to protect the gateway (over HTTP) as an OAuth resource server, as {@link
 * AuthOptions} does for the example servers, {@code --auth-issuer URL}, {@code --auth-resource URI}
 * (default: the endpoint's URL) and {@code --auth-scopes a,b} (static bearer tokens go in the
 * file's {@code auth}, never on a command line), and {@code --redis URI} to run the gateway as one
 * node of a cluster sharing that Redis ({@code McpGateway.Builder.redis}). The flags win over the
 * file; the file's upstreams come first. Both {@code --name value} and {@code --name=value} work.
 *
 * @param host the address to bind
 * @param port the port
 * @param config the configuration file's content with the flags' upstreams added
 * @param stdio whether to serve on standard input and output
 */
record GatewayOptions(String host, int port, GatewayConfig config, boolean stdio) {

  GatewayOptions {
    requireNonNull(host, "host");
    requireNonNull(config, "config");
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static GatewayOptions parse(String... args) {
    String host = null;
    Integer port = null;
    Path file = null;
    boolean stdio = false;
    List<UpstreamConfig> upstreams = new ArrayList<>();
    URI issuer = null;
    URI resource = null;
    List<String> scopes = null;
    Path tapes = null;
    String redis = null;
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
        throw new IllegalArgumentException(arg + " needs a value");
      }
      switch (name) {
        case "--host" -> host = value;
        case "--port" -> port = port(value);
        case "--upstream" -> upstreams.add(upstream(value));
        case "--config" -> file = Path.of(value);
        case "--tapes" -> tapes = Path.of(value);
        case "--auth-issuer" -> issuer = absolute(name, value);
        case "--auth-resource" -> resource = absolute(name, value);
        case "--auth-scopes" -> scopes = List.of(value.trim().split("[,\\s]+"));
        case "--redis" -> redis = value;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    GatewayConfig read =
        file == null
            ? new GatewayConfig(null, null, null, null, List.of())
            : GatewayConfig.read(file);
    List<UpstreamConfig> all = new ArrayList<>(read.upstreams());
    for (UpstreamConfig upstream : upstreams) {
      if (all.stream().anyMatch(u -> u.name().equals(upstream.name()))) {
        throw new IllegalArgumentException(
            "--upstream " + upstream.name() + ": duplicate upstream name");
      }
      all.add(upstream);
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "give at least one --upstream NAME=URL, --upstream NAME=stdio:COMMAND or a --config FILE"
              + " with upstreams");
    }
    if (issuer == null && (resource != null || scopes != null)) {
      throw new IllegalArgumentException("--auth-resource and --auth-scopes need --auth-issuer");
    }
    if (stdio && (issuer != null || read.auth() != null)) {
      throw new IllegalArgumentException(
          "--stdio serves one local client, which does not authenticate: drop the --auth-* flags"
              + " or the file's auth (rules and rate limits apply to it as 'anonymous')");
    }
    GatewayConfig config =
        new GatewayConfig(
            read.host(),
            read.port(),
            read.separator(),
            read.sessionIdleTimeout(),
            all,
            issuer != null
                ? GatewayAuth.oauth(issuer, resource, scopes == null ? List.of() : scopes)
                : read.auth(),
            read.policy(),
            read.rateLimits(),
            tapes != null
                ? read.tapes() != null
                    ? new TapeSettings(
                        tapes,
                        read.tapes().maxBytesPerTape(),
                        read.tapes().maxDurationPerTape(),
                        read.tapes().maxTotalBytes(),
                        read.tapes().queueCapacity(),
                        read.tapes().redactHeaders(),
                        read.tapes().redactPaths())
                    : TapeSettings.of(tapes)
                : read.tapes(),
            redis != null ? redis : read.redis(),
            read.requestStateKey());
    return new GatewayOptions(
        host != null ? host : read.host() != null ? read.host() : ServerOptions.DEFAULT_HOST,
        port != null ? port : read.port() != null ? read.port() : ServerOptions.DEFAULT_PORT,
        config,
        stdio);
  }

  /**
   * The gateway these options describe, its upstreams probed.
   *
   * @throws IllegalStateException if an upstream cannot be reached or started
   */
  McpGateway gateway() {
    return McpGateway.builder().config(config).build();
  }

  private static URI absolute(String name, String value) {
    try {
      URI uri = new URI(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // below
    }
    throw new IllegalArgumentException(name + " must be an http or https URL, got '" + value + "'");
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
      throw new IllegalArgumentException(
          "--upstream must be NAME=URL or NAME=stdio:COMMAND, got '" + value + "'");
    }
    String name = value.substring(0, equals);
    String target = value.substring(equals + 1);
    if (target.startsWith("tape:")) {
      Path tape = Path.of(target.substring("tape:".length()));
      if (!java.nio.file.Files.isRegularFile(tape)) {
        throw new IllegalArgumentException("--upstream " + name + ": no tape file '" + tape + "'");
      }
      return UpstreamConfig.tape(name, tape);
    }
    if (target.startsWith("stdio:")) {
      String command = target.substring("stdio:".length()).trim();
      if (command.isEmpty()) {
        throw new IllegalArgumentException("--upstream " + name + ": missing command after stdio:");
      }
      try {
        return UpstreamConfig.stdio(name, List.of(command.split("\\s+")));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--upstream " + e.getMessage());
      }
    }
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--upstream " + name + ": bad URL '" + target + "'");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--upstream " + name + ": bad URL '" + target + "' (http or https with a host)");
    }
    try {
      return UpstreamConfig.http(name, uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--upstream " + e.getMessage());
    }
  }
}
