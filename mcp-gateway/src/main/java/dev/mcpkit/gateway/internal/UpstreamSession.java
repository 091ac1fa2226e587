package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An upstream session as the client session's record keeps it: enough for any gateway node to
 * resume it ({@code Mcp-Session-Id} and {@code MCP-Protocol-Version}) without a new {@code
 * initialize}. Stored as {@code {"id": ..., "protocolVersion": ...}}.
 *
 * @param id the upstream's session id
 * @param version the protocol version negotiated with the upstream
 */
public record UpstreamSession(String id, ProtocolVersion version) {

  /** Validates the fields. */
  public UpstreamSession {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
  }

  /** The JSON form kept in the client session's attributes. */
  ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("protocolVersion", version.wireName());
    return node;
  }

  /** Reads the JSON form; {@code null} for anything else (an older form, a foreign value). */
  static @Nullable UpstreamSession fromJson(@Nullable JsonNode node) {
    if (node == null || !node.path("id").isString() || !node.path("protocolVersion").isString()) {
      return null;
    }
    return ProtocolVersion.fromWireName(node.path("protocolVersion").asString())
        .filter(version -> !version.sessionless())
        .map(version -> new UpstreamSession(node.path("id").asString(), version))
        .orElse(null);
  }
}
