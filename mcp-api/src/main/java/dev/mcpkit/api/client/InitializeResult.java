package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the server answered to {@code initialize}.
 *
 * @param protocolVersion the negotiated version
 * @param serverName {@code serverInfo.name}
 * @param serverVersion {@code serverInfo.version}
 * @param capabilities the server's capabilities
 * @param instructions the server's instructions, or {@code null}
 * @param raw the whole result as sent
 */
public record InitializeResult(
    ProtocolVersion protocolVersion,
    String serverName,
    String serverVersion,
    JsonNode capabilities,
    @Nullable String instructions,
    JsonNode raw) {
  /** Validates the fields. */
  public InitializeResult {
    requireNonNull(protocolVersion, "protocolVersion");
    requireNonNull(serverName, "serverName");
    requireNonNull(serverVersion, "serverVersion");
    requireNonNull(capabilities, "capabilities");
    requireNonNull(raw, "raw");
  }
}
