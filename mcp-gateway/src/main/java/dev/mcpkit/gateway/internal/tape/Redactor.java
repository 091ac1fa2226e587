package dev.mcpkit.gateway.internal.tape;

import dev.mcpkit.gateway.tape.TapeSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Replaces secrets with {@value #REDACTED} before a message is written: members named like a
 * credential ({@link TapeSettings#SECRET_MEMBERS}) at any depth, strings starting with {@code
 * Bearer }, and the configured paths. Copies on write: a message without secrets is returned as it
 * is, so the caller's tree is never changed. Thread-safe (immutable).
 */
public final class Redactor {
  /** What a secret is replaced with. */
  public static final String REDACTED = "[REDACTED]";

  /** Headers always recorded redacted. */
  private static final Set<String> SECRET_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "x-api-key");

  private final List<String[]> paths;
  private final Set<String> headers;
  private final List<String> recorded;

  /**
   * @param settings the configured headers and paths
   */
  public Redactor(TapeSettings settings) {
    this(settings.redactHeaders(), settings.redactPaths());
  }

  Redactor(Set<String> extraHeaders, List<String> paths) {
    Set<String> all = new HashSet<>(SECRET_HEADERS);
    extraHeaders.forEach(h -> all.add(h.toLowerCase(Locale.ROOT)));
    this.headers = Set.copyOf(all);
    List<String[]> split = new ArrayList<>();
    paths.forEach(p -> split.add(p.split("\\.")));
    this.paths = List.copyOf(split);
    Set<String> names = new TreeSet<>(headers);
    names.addAll(Set.of("mcp-protocol-version", "user-agent", "traceparent"));
    this.recorded = List.copyOf(names);
  }

  /**
   * The header names recorded (redacted or not) on a client POST's first message, in a fixed order
   * (worked out once: a request thread only looks their values up).
   */
  List<String> recordedHeaders() {
    return recorded;
  }

  /** The value a header is recorded with. */
  String header(String name, String value) {
    return headers.contains(name.toLowerCase(Locale.ROOT)) ? REDACTED : value;
  }

  /** The message with its secrets redacted; the same node when it has none. */
  public JsonNode redact(JsonNode message) {
    JsonNode redacted = secrets(message);
    for (String[] path : paths) {
      redacted = atPath(redacted, path, 0);
    }
    return redacted;
  }

  /** Secret members and bearer strings, anywhere; copies only the branches that change. */
  private static JsonNode secrets(JsonNode node) {
    if (node.isString()) {
      String text = node.asString();
      return text.regionMatches(true, 0, "Bearer ", 0, 7) ? StringNode.valueOf(REDACTED) : node;
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = null;
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        String key = member.getKey();
        JsonNode value = member.getValue();
        JsonNode replaced =
            TapeSettings.SECRET_MEMBERS.contains(key.toLowerCase(Locale.ROOT))
                    && !value.isContainer()
                    && !value.isNull()
                ? StringNode.valueOf(REDACTED)
                : secrets(value);
        if (replaced != value) {
          if (copy == null) {
            copy = object.deepCopy();
          }
          copy.set(key, replaced);
        }
      }
      return copy == null ? node : copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = null;
      for (int i = 0; i < array.size(); i++) {
        JsonNode value = array.get(i);
        JsonNode replaced = secrets(value);
        if (replaced != value) {
          if (copy == null) {
            copy = array.deepCopy();
          }
          copy.set(i, replaced);
        }
      }
      return copy == null ? node : copy;
    }
    return node;
  }

  /** The node with whatever the path leads to replaced; copies only what changes. */
  private static JsonNode atPath(JsonNode node, String[] path, int index) {
    if (index == path.length) {
      return node.isNull() ? node : StringNode.valueOf(REDACTED);
    }
    String step = path[index];
    if (node instanceof ObjectNode object) {
      ObjectNode copy = null;
      for (Map.Entry<String, JsonNode> member : object.properties()) {
        if (step.equals("*") || step.equals(member.getKey())) {
          JsonNode replaced = atPath(member.getValue(), path, index + 1);
          if (replaced != member.getValue()) {
            if (copy == null) {
              copy = object.deepCopy();
            }
            copy.set(member.getKey(), replaced);
          }
        }
      }
      return copy == null ? node : copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = null;
      for (int i = 0; i < array.size(); i++) {
        if (step.equals("*") || step.equals(Integer.toString(i))) {
          JsonNode replaced = atPath(array.get(i), path, index + 1);
          if (replaced != array.get(i)) {
            if (copy == null) {
              copy = array.deepCopy();
            }
            copy.set(i, replaced);
          }
        }
      }
      return copy == null ? node : copy;
    }
    return node;
  }

  /** An empty object, for callers building lines. */
  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** A header value, or {@code null}. */
  static @Nullable String nonBlank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
