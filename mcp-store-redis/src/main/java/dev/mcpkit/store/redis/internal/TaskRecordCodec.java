package dev.mcpkit.store.redis.internal;

import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task records as compact JSON strings: {@code {"id","o","n","st","m","c","u","ttl","pi","r","e",
 * "iq","ir"}}. Times are ISO-8601 instants (exact to the nanosecond, so a decoded record equals the
 * one encoded), durations milliseconds. Stateless and thread-safe (one shared immutable mapper).
 */
final class TaskRecordCodec {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TaskRecordCodec() {}

  static String encode(TaskRecord record) {
    ObjectNode root = NODES.objectNode();
    root.put("id", record.taskId());
    if (record.owner() != null) {
      root.put("o", record.owner());
    }
    root.put("n", record.node());
    root.put("st", record.status().name());
    if (record.statusMessage() != null) {
      root.put("m", record.statusMessage());
    }
    root.put("c", record.createdAt().toString());
    root.put("u", record.lastUpdatedAt().toString());
    root.put("ttl", record.ttl().toMillis());
    root.put("pi", record.pollInterval().toMillis());
    if (record.result() != null) {
      root.set("r", record.result());
    }
    if (record.error() != null) {
      root.set("e", record.error());
    }
    ObjectNode requests = root.putObject("iq");
    record.inputRequests().forEach(requests::set);
    ObjectNode responses = root.putObject("ir");
    record.inputResponses().forEach(responses::set);
    return MAPPER.writeValueAsString(root);
  }

  /**
   * Decodes a record.
   *
   * @throws IllegalArgumentException if the text is not a record this codec wrote
   */
  static TaskRecord decode(String json) {
    JsonNode root = MAPPER.readTree(json);
    return new TaskRecord(
        root.required("id").asString(),
        text(root, "o"),
        root.required("n").asString(),
        TaskStatus.valueOf(root.required("st").asString()),
        text(root, "m"),
        Instant.parse(root.required("c").asString()),
        Instant.parse(root.required("u").asString()),
        Duration.ofMillis(root.required("ttl").asLong()),
        Duration.ofMillis(root.required("pi").asLong()),
        node(root, "r"),
        node(root, "e"),
        map(root.get("iq")),
        map(root.get("ir")));
  }

  private static @Nullable String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static @Nullable JsonNode node(JsonNode root, String field) {
    JsonNode value = root.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private static Map<String, JsonNode> map(@Nullable JsonNode object) {
    Map<String, JsonNode> byKey = new LinkedHashMap<>();
    if (object != null && object.isObject()) {
      object.properties().forEach(e -> byKey.put(e.getKey(), e.getValue()));
    }
    return byKey;
  }
}
