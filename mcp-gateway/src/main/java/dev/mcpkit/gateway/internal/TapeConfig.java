package dev.mcpkit.gateway.internal;

import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.tape.TapeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The configuration file's {@code tapes:} section and its {@code tape:} upstreams. Relative paths
 * are relative to the configuration file's directory. Stateless.
 */
final class TapeConfig {
  private static final Set<String> TAPES_KEYS =
      Set.of(
          "directory",
          "maxBytesPerTape",
          "maxDurationPerTape",
          "maxTotalBytes",
          "queueCapacity",
          "redactHeaders",
          "redactPaths");
  private static final Set<String> TAPE_UPSTREAM_KEYS = Set.of("name", "tape", "timeout");

  private TapeConfig() {}

  /** The {@code tapes:} section, or {@code null} without one. */
  static @Nullable TapeSettings tapes(ConfigReader.Context context, @Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    context.object(node, "tapes", TAPES_KEYS);
    String directory = context.text(node, "directory", "tapes");
    if (directory == null) {
      throw context.error("tapes.directory", "is missing");
    }
    TapeSettings settings = TapeSettings.of(relative(context, directory));
    long perTape = context.size(node, "maxBytesPerTape", "tapes", settings.maxBytesPerTape());
    long total = context.size(node, "maxTotalBytes", "tapes", settings.maxTotalBytes());
    settings = settings.withMaxBytes(perTape, total);
    Duration duration = context.duration(node, "maxDurationPerTape", "tapes");
    if (duration != null) {
      settings = settings.withMaxDuration(duration);
    }
    JsonNode capacity = node.get("queueCapacity");
    if (capacity != null) {
      if (!capacity.isInt() || capacity.asInt() <= 0) {
        throw context.error("tapes.queueCapacity", "must be a positive number, got " + capacity);
      }
      settings = settings.withQueueCapacity(capacity.asInt());
    }
    settings = settings.withRedactHeaders(new HashSet<>(strings(context, node, "redactHeaders")));
    List<String> paths = strings(context, node, "redactPaths");
    try {
      return settings.withRedactPaths(paths);
    } catch (IllegalArgumentException e) {
      throw context.error("tapes.redactPaths", String.valueOf(e.getMessage()));
    }
  }

  /** An upstream that replays a tape: {@code name}, {@code tape}, optionally {@code timeout}. */
  static UpstreamConfig tapeUpstream(
      ConfigReader.Context context, JsonNode node, String name, String path) {
    context.object(node, path, TAPE_UPSTREAM_KEYS);
    String file = context.text(node, "tape", path);
    if (file == null) {
      throw context.error(path + ".tape", "must be the path of a tape file");
    }
    Path tape = relative(context, file);
    if (!Files.isRegularFile(tape)) {
      throw context.error(path + ".tape", "is not a file: '" + file + "'");
    }
    UpstreamConfig upstream = UpstreamConfig.tape(name, tape);
    Duration timeout = context.duration(node, "timeout", path);
    return timeout == null ? upstream : upstream.withTimeout(timeout);
  }

  private static Path relative(ConfigReader.Context context, String file) {
    Path path = Path.of(file);
    Path base = Path.of(context.file()).toAbsolutePath().getParent();
    return path.isAbsolute() || base == null ? path : base.resolve(path);
  }

  private static List<String> strings(ConfigReader.Context context, JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    List<String> strings = new ArrayList<>();
    if (value == null || value.isNull()) {
      return strings;
    }
    if (!value.isArray()) {
      throw context.error("tapes." + key, "must be a list of strings, got " + value);
    }
    for (JsonNode item : value) {
      if (!item.isString() || item.asString().isBlank()) {
        throw context.error("tapes." + key, "must be a list of strings, got " + value);
      }
      strings.add(item.asString());
    }
    return strings;
  }
}
