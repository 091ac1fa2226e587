package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The serialisable state of a live session, as kept by a {@link SessionStore}: everything a node
 * needs to serve the session after a restart or on another node. Closed sessions have no record.
 *
 * @param id the session's id
 * @param state the lifecycle state (never {@link SessionState#CLOSED})
 * @param createdAt when the session was created
 * @param lastActivity the last recorded activity
 * @param protocolVersion the negotiated protocol version
 * @param clientInfo the client's self-description, if any
 * @param clientCapabilities the client's capabilities object
 * @param principalName the name of the principal the session is bound to, if any
 * @param attributes the session's JSON-representable attributes, by name
 */
public record SessionRecord(
    SessionId id,
    SessionState state,
    Instant createdAt,
    Instant lastActivity,
    ProtocolVersion protocolVersion,
    @Nullable ClientInfo clientInfo,
    JsonNode clientCapabilities,
    @Nullable String principalName,
    Map<String, JsonNode> attributes) {

  /** Validates the fields and copies the attribute map. */
  public SessionRecord {
    requireNonNull(id, "id");
    requireNonNull(state, "state");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(lastActivity, "lastActivity");
    requireNonNull(protocolVersion, "protocolVersion");
    requireNonNull(clientCapabilities, "clientCapabilities");
    if (state == SessionState.CLOSED) {
      throw new IllegalArgumentException("a closed session has no record");
    }
    if (lastActivity.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "lastActivity " + lastActivity + " is before createdAt " + createdAt);
    }
    attributes = Map.copyOf(requireNonNull(attributes, "attributes"));
  }
}
