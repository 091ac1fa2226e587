package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.McpClient;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A server behind the gateway, whatever its transport: it opens one {@link McpClient} (one upstream
 * session) per client session. The HTTP transport is {@link HttpUpstream}; stdio is {@link
 * StdioUpstream}, whose one child process all client sessions share.
 *
 * <p>Implementations are thread-safe.
 */
public interface Upstream {

  /**
   * Returns the upstream's name.
   *
   * @return the name from the configuration
   */
  String name();

  /**
   * Returns how long a request to this upstream may take.
   *
   * @return positive
   */
  Duration timeout();

  /**
   * Creates a client for one upstream session, not yet initialized.
   *
   * @param clientCapabilities the capabilities the gateway's client declared, which the upstream
   *     session declares in turn (so that the upstream asks for sampling, elicitation or roots only
   *     when the client can answer)
   * @param callbacks where the upstream's requests and notifications go
   * @return the client; the caller closes it
   */
  McpClient open(JsonNode clientCapabilities, UpstreamCallbacks callbacks);

  /** Stops what the upstream runs for all client sessions (a child process); a no-op by default. */
  default void close() {}
}
