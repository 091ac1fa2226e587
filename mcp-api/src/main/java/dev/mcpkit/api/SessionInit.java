package dev.mcpkit.api;

import static java.util.Objects.requireNonNull;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What is known about a session when it is created, i.e. when the {@code initialize} request is
 * answered.
 *
 * @param protocolVersion the negotiated protocol version
 * @param clientInfo the client's self-description, if it sent one
 * @param clientCapabilities the client's {@code capabilities} object (an empty object if none)
 * @param principal the authenticated principal the session is bound to, if the request was
 *     authenticated
 * @param clientAddress the address the {@code initialize} request came from (an IP address as the
 *     transport reports it), if known; with {@code principal}, what {@link ClientLimits} count
 */
public record SessionInit(
    ProtocolVersion protocolVersion,
    @Nullable ClientInfo clientInfo,
    JsonNode clientCapabilities,
    @Nullable Principal principal,
    @Nullable String clientAddress) {

  /** Validates the fields. */
  public SessionInit {
    requireNonNull(protocolVersion, "protocolVersion");
    requireNonNull(clientCapabilities, "clientCapabilities");
    if (!clientCapabilities.isObject()) {
      throw new IllegalArgumentException("clientCapabilities must be a JSON object");
    }
  }

  /**
   * What is known about a session whose client address is unknown.
   *
   * @param protocolVersion the negotiated protocol version
   * @param clientInfo the client's self-description, if it sent one
   * @param clientCapabilities the client's {@code capabilities} object
   * @param principal the authenticated principal, if any
   */
  public SessionInit(
      ProtocolVersion protocolVersion,
      @Nullable ClientInfo clientInfo,
      JsonNode clientCapabilities,
      @Nullable Principal principal) {
    this(protocolVersion, clientInfo, clientCapabilities, principal, null);
  }

  /**
   * A session with no client info, empty capabilities and no principal.
   *
   * @param protocolVersion the negotiated protocol version
   * @return the init
   */
  public static SessionInit of(ProtocolVersion protocolVersion) {
    return new SessionInit(
        protocolVersion, null, JsonNodeFactory.instance.objectNode(), null, null);
  }
}
