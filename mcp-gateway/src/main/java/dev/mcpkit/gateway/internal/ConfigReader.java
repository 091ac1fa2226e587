package dev.mcpkit.gateway.internal;

import dev.mcpkit.gateway.GatewayConfig;
import dev.mcpkit.gateway.GatewayConfigException;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.UpstreamOAuth;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@link GatewayConfig} from YAML or JSON as a tree and validates it key by key, so that
 * every error names the key ({@code upstreams[1].url}) and the problem. Stateless.
 */
public final class ConfigReader {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Set<String> TOP_KEYS =
      Set.of(
          "host",
          "port",
          "separator",
          "sessionIdleTimeout",
          "upstreams",
          "auth",
          "policy",
          "rateLimits",
          "tapes",
          "redis",
          "requestStateKey");
  private static final Set<String> UPSTREAM_KEYS =
      Set.of(
          "name",
          "url",
          "protocol",
          "command",
          "args",
          "env",
          "directory",
          "restart",
          "timeout",
          "headers",
          "oauth",
          "maxMessageBytes",
          "tape");
  private static final Set<String> RESTART_KEYS = Set.of("initialDelay", "maxDelay");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB)?");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private ConfigReader() {}

  /**
   * Reads and validates a file.
   *
   * @param file the file
   * @param environment what {@code ${VAR}} in header values is replaced with
   * @return the configuration
   * @throws GatewayConfigException naming the file, the key and the problem
   */
  public static GatewayConfig read(Path file, Map<String, String> environment) {
    String where = file.toString();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new GatewayConfigException(where + ": cannot be read (" + e.getMessage() + ")");
    } catch (JacksonException e) {
      TokenStreamLocation location = e.getLocation();
      throw new GatewayConfigException(
          where
              + (location == null ? "" : ":" + location.getLineNr() + ":" + location.getColumnNr())
              + ": not valid YAML or JSON: "
              + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new GatewayConfigException(where + ": is empty; it needs at least 'upstreams'");
    }
    Context context = new Context(where, environment);
    context.object(root, "", TOP_KEYS);
    List<UpstreamConfig> upstreams = new ArrayList<>();
    JsonNode list = root.get("upstreams");
    if (list != null) {
      if (!list.isArray()) {
        throw context.error("upstreams", "must be a list of upstreams");
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < list.size(); i++) {
        UpstreamConfig upstream = context.upstream(list.get(i), "upstreams[" + i + "]");
        if (!names.add(upstream.name())) {
          throw context.error(
              "upstreams[" + i + "].name", "duplicate upstream name '" + upstream.name() + "'");
        }
        upstreams.add(upstream);
      }
    }
    Integer port = null;
    JsonNode portNode = root.get("port");
    if (portNode != null) {
      if (!portNode.isInt() || portNode.asInt() < 0 || portNode.asInt() > 65_535) {
        throw context.error("port", "must be a number 0-65535, got " + portNode);
      }
      port = portNode.asInt();
    }
    String separator = context.text(root, "separator", "");
    if (separator != null && !separator.matches("[A-Za-z0-9_.-]{1,4}")) {
      throw context.error(
          "separator", "must be 1-4 of letters, digits, '_', '-', '.', got '" + separator + "'");
    }
    String redis = context.text(root, "redis", "");
    if (redis != null) {
      redis = context.expand(redis, "redis");
      if (!redis.startsWith("redis://")
          && !redis.startsWith("rediss://")
          && !redis.startsWith("redis-sentinel://")) {
        throw context.error(
            "redis",
            "must be a redis://, rediss:// or redis-sentinel:// URI"); // may hold a password
      }
    }
    String requestStateKey = context.text(root, "requestStateKey", "");
    if (requestStateKey != null) {
      requestStateKey = context.expand(requestStateKey, "requestStateKey");
    }
    try {
      return config(context, root, port, separator, upstreams, redis, requestStateKey);
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      if (!message.startsWith("requestStateKey: ")) {
        throw e;
      }
      throw context.error(
          "requestStateKey",
          message.substring("requestStateKey: ".length())
              + " (Base64 of at least 32 random bytes, e.g. from: openssl rand -base64 32)");
    }
  }

  private static GatewayConfig config(
      Context context,
      JsonNode root,
      @Nullable Integer port,
      @Nullable String separator,
      List<UpstreamConfig> upstreams,
      @Nullable String redis,
      @Nullable String requestStateKey) {
    return new GatewayConfig(
        context.text(root, "host", ""),
        port,
        separator,
        context.duration(root, "sessionIdleTimeout", ""),
        upstreams,
        EdgeConfig.auth(context, root.get("auth")),
        EdgeConfig.policy(context, root.get("policy")),
        EdgeConfig.rateLimits(context, root.get("rateLimits")),
        TapeConfig.tapes(context, root.get("tapes")),
        redis,
        requestStateKey);
  }

  /** The file and environment, for errors and variables. */
  record Context(String file, Map<String, String> environment) {

    GatewayConfigException error(String key, String problem) {
      return new GatewayConfigException(file + ": " + key + ": " + problem);
    }

    void object(JsonNode node, String path, Set<String> known) {
      if (!node.isObject()) {
        throw error(path.isEmpty() ? "(top level)" : path, "must be a mapping of keys");
      }
      for (String key : node.propertyNames()) {
        if (!known.contains(key)) {
          throw error(
              path.isEmpty() ? key : path + "." + key,
              "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
        }
      }
    }

    @Nullable String text(JsonNode parent, String key, String path) {
      JsonNode value = parent.get(key);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isString() || value.asString().isBlank()) {
        throw error(join(path, key), "must be a non-empty string, got " + value);
      }
      return value.asString();
    }

    @Nullable Duration duration(JsonNode parent, String key, String path) {
      JsonNode value = parent.get(key);
      if (value == null || value.isNull()) {
        return null;
      }
      String text = value.isNumber() ? value.asString() + "s" : value.asString("");
      Duration parsed = null;
      Matcher matcher = SHORT_DURATION.matcher(text);
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        parsed =
            switch (matcher.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              default -> Duration.ofHours(amount);
            };
      } else {
        try {
          parsed = Duration.parse(text);
        } catch (DateTimeParseException e) {
          // below
        }
      }
      if (parsed == null || parsed.isNegative() || parsed.isZero()) {
        throw error(
            join(path, key), "must be a positive duration such as 500ms, 30s, 5m, got " + value);
      }
      return parsed;
    }

    /**
     * A size: a positive number of bytes, or one with a unit ({@code 512KB}, {@code 8MB}, {@code
     * 1GB}).
     *
     * @param path where {@code parent} is, for errors
     * @return the bytes, or {@code defaultValue} when the key is absent
     */
    long size(JsonNode parent, String key, String path, long defaultValue) {
      JsonNode value = parent.get(key);
      if (value == null || value.isNull()) {
        return defaultValue;
      }
      if (value.isIntegralNumber() && value.asLong() > 0) {
        return value.asLong();
      }
      Matcher matcher = SIZE.matcher(value.asString("").trim().toUpperCase(Locale.ROOT));
      // At most 12 digits, so that the amount and its shift by a unit fit a long.
      if (value.isNumber()
          || !matcher.matches()
          || matcher.group(1).length() > 12
          || Long.parseLong(matcher.group(1)) <= 0) {
        throw error(
            join(path, key), "must be a positive size such as 512KB, 8MB, 1GB, got " + value);
      }
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2) == null ? "B" : matcher.group(2);
      return switch (unit) {
        case "KB" -> amount << 10;
        case "MB" -> amount << 20;
        case "GB" -> amount << 30;
        default -> amount;
      };
    }

    UpstreamConfig upstream(JsonNode node, String path) {
      object(node, path, UPSTREAM_KEYS);
      String name = text(node, "name", path);
      if (name == null) {
        throw error(path + ".name", "is missing");
      }
      if (!name.matches("[A-Za-z0-9_-]{1,32}")) {
        throw error(path + ".name", "must be 1-32 letters, digits, '_' or '-', got '" + name + "'");
      }
      if (node.has("tape")) {
        return TapeConfig.tapeUpstream(this, node, name, path);
      }
      String url = text(node, "url", path);
      List<String> command = new ArrayList<>();
      JsonNode commandNode = node.get("command");
      if (commandNode != null) {
        if (commandNode.isString() && !commandNode.asString().isBlank()) {
          command.addAll(List.of(commandNode.asString().trim().split("\\s+")));
        } else if (commandNode.isArray() && !commandNode.isEmpty()) {
          for (JsonNode part : commandNode) {
            if (!part.isString()) {
              throw error(path + ".command", "must be a list of strings, got " + commandNode);
            }
            command.add(part.asString());
          }
        } else {
          throw error(path + ".command", "must be a command line or a list of strings");
        }
      }
      JsonNode argsNode = node.get("args");
      if (argsNode != null) {
        if (commandNode == null) {
          throw error(path + ".args", "is for a stdio upstream; give a command too");
        }
        if (!argsNode.isArray()) {
          throw error(path + ".args", "must be a list of strings, got " + argsNode);
        }
        for (JsonNode part : argsNode) {
          if (!part.isString()) {
            throw error(path + ".args", "must be a list of strings, got " + argsNode);
          }
          command.add(part.asString());
        }
      }
      if (url == null && command.isEmpty()) {
        throw error(path, "needs a url (Streamable HTTP) or a command (stdio)");
      }
      if (url != null && !command.isEmpty()) {
        throw error(path, "has both url and command; give one");
      }
      URI uri = null;
      if (url != null) {
        try {
          uri = new URI(url);
        } catch (URISyntaxException e) {
          throw error(path + ".url", "is not a URL: '" + url + "'");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw error(path + ".url", "must be an http or https URL with a host, got '" + url + "'");
        }
      }
      Duration timeout = duration(node, "timeout", path);
      Map<String, String> headers = new LinkedHashMap<>();
      JsonNode headersNode = node.get("headers");
      if (headersNode != null) {
        if (!headersNode.isObject()) {
          throw error(path + ".headers", "must be a mapping of header names to values");
        }
        for (Map.Entry<String, JsonNode> header : headersNode.properties()) {
          String key = path + ".headers." + header.getKey();
          if (!header.getValue().isString()) {
            throw error(key, "must be a string");
          }
          headers.put(header.getKey(), expand(header.getValue().asString(), key));
        }
      }
      UpstreamOAuth oauth = EdgeConfig.upstreamOAuth(this, node.get("oauth"), path + ".oauth");
      if (oauth != null && uri == null) {
        throw error(path + ".oauth", "needs an HTTP upstream (a url)");
      }
      if (oauth != null && headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
        throw error(path + ".oauth", "cannot be combined with an Authorization header");
      }
      if (commandNode == null) {
        for (String key : List.of("env", "directory", "restart")) {
          if (node.has(key)) {
            throw error(path + "." + key, "is for a stdio upstream (one with a command)");
          }
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      JsonNode envNode = node.get("env");
      if (envNode != null) {
        if (!envNode.isObject()) {
          throw error(path + ".env", "must be a mapping of variable names to values");
        }
        for (Map.Entry<String, JsonNode> variable : envNode.properties()) {
          String key = path + ".env." + variable.getKey();
          if (!variable.getValue().isString() && !variable.getValue().isNumber()) {
            throw error(key, "must be a string");
          }
          env.put(variable.getKey(), expand(variable.getValue().asString(), key));
        }
      }
      Path directory = null;
      String directoryText = text(node, "directory", path);
      if (directoryText != null) {
        directory = Path.of(directoryText);
        if (!Files.isDirectory(directory)) {
          throw error(path + ".directory", "is not a directory: '" + directoryText + "'");
        }
      }
      UpstreamConfig.Restart restart = UpstreamConfig.Restart.DEFAULT;
      JsonNode restartNode = node.get("restart");
      if (restartNode != null) {
        String restartPath = path + ".restart";
        object(restartNode, restartPath, RESTART_KEYS);
        Duration initial = duration(restartNode, "initialDelay", restartPath);
        Duration max = duration(restartNode, "maxDelay", restartPath);
        Duration first = initial != null ? initial : UpstreamConfig.Restart.DEFAULT.initialDelay();
        Duration last =
            max != null
                ? max
                : first.compareTo(UpstreamConfig.Restart.DEFAULT.maxDelay()) > 0
                    ? first
                    : UpstreamConfig.Restart.DEFAULT.maxDelay();
        if (last.compareTo(first) < 0) {
          throw error(restartPath + ".maxDelay", "must be at least initialDelay (" + first + ")");
        }
        restart = new UpstreamConfig.Restart(first, last);
      }
      UpstreamConfig.Protocol protocol = UpstreamConfig.Protocol.AUTO;
      String protocolText = text(node, "protocol", path);
      if (protocolText != null) {
        if (uri == null) {
          throw error(path + ".protocol", "is for an HTTP upstream (one with a url)");
        }
        protocol =
            switch (protocolText) {
              case "auto" -> UpstreamConfig.Protocol.AUTO;
              case "sessions" -> UpstreamConfig.Protocol.SESSIONS;
              case "stateless" -> UpstreamConfig.Protocol.STATELESS;
              default ->
                  throw error(
                      path + ".protocol",
                      "must be auto, sessions or stateless, got '" + protocolText + "'");
            };
      }
      long maxMessageBytes =
          size(node, "maxMessageBytes", path, UpstreamConfig.DEFAULT_MAX_MESSAGE_BYTES);
      if (maxMessageBytes < UpstreamConfig.MIN_MAX_MESSAGE_BYTES
          || maxMessageBytes > Integer.MAX_VALUE) {
        throw error(
            path + ".maxMessageBytes",
            "must be between 1KB and 2047MB, got " + node.get("maxMessageBytes"));
      }
      return new UpstreamConfig(
          name,
          uri,
          command,
          timeout == null ? UpstreamConfig.DEFAULT_TIMEOUT : timeout,
          headers,
          oauth,
          env,
          directory,
          restart,
          protocol,
          (int) maxMessageBytes);
    }

    /**
     * Replaces {@code ${VAR}} with the environment's value (in header values and a stdio process's
     * variables); never echoes the value in errors.
     */
    String expand(String value, String key) {
      Matcher matcher = VARIABLE.matcher(value);
      StringBuilder expanded = new StringBuilder();
      while (matcher.find()) {
        String variable = matcher.group(1);
        String replacement = environment.get(variable);
        if (replacement == null) {
          throw error(key, "environment variable " + variable + " is not set");
        }
        matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
      }
      matcher.appendTail(expanded);
      return expanded.toString();
    }

    static String join(String path, String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }
}
