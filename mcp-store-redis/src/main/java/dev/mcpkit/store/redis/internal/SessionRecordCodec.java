package dev.mcpkit.store.redis.internal;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Session records as compact JSON strings: {@code {"id","st","c","la","v","ci","caps","p","a"}}.
 * Times are epoch milliseconds. Stateless and thread-safe (one shared immutable mapper).
 */
final class SessionRecordCodec {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SessionRecordCodec() {}

  static String encode(SessionRecord record) {
    ObjectNode root = NODES.objectNode();
    root.put("id", record.id().value());
    root.put("st", record.state().name());
    root.put("c", record.createdAt().toEpochMilli());
    root.put("la", record.lastActivity().toEpochMilli());
    root.put("v", record.protocolVersion().wireName());
    ClientInfo info = record.clientInfo();
    if (info != null) {
      ObjectNode ci = root.putObject("ci");
      ci.put("name", info.name());
      ci.put("version", info.version());
      if (info.title() != null) {
        ci.put("title", info.title());
      }
    }
    root.set("caps", record.clientCapabilities());
    if (record.principalName() != null) {
      root.put("p", record.principalName());
    }
    ObjectNode attributes = root.putObject("a");
    record.attributes().forEach(attributes::set);
    return MAPPER.writeValueAsString(root);
  }

  /**
   * Decodes a record; {@code lastActivity} replaces the stored one (see the session store).
   *
   * @throws IllegalArgumentException if the text is not a record this codec wrote
   */
  static SessionRecord decode(String json, @Nullable Instant lastActivity) {
    JsonNode root = MAPPER.readTree(json);
    Instant createdAt = Instant.ofEpochMilli(root.required("c").asLong());
    Instant stored = Instant.ofEpochMilli(root.required("la").asLong());
    String version = root.required("v").asString();
    JsonNode ci = root.get("ci");
    ClientInfo info =
        ci == null || !ci.isObject()
            ? null
            : new ClientInfo(
                ci.required("name").asString(),
                ci.required("version").asString(),
                ci.hasNonNull("title") ? ci.get("title").asString() : null);
    JsonNode principal = root.get("p");
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    JsonNode a = root.get("a");
    if (a != null && a.isObject()) {
      a.properties().forEach(e -> attributes.put(e.getKey(), e.getValue()));
    }
    Instant effective =
        lastActivity == null || lastActivity.isBefore(stored) ? stored : lastActivity;
    return new SessionRecord(
        SessionId.of(root.required("id").asString()),
        SessionState.valueOf(root.required("st").asString()),
        createdAt,
        effective,
        ProtocolVersion.fromWireName(version)
            .orElseThrow(() -> new IllegalArgumentException("unknown protocol version " + version)),
        info,
        root.path("caps").isObject() ? root.get("caps") : NODES.objectNode(),
        principal == null || principal.isNull() ? null : principal.asString(),
        attributes);
  }
}
