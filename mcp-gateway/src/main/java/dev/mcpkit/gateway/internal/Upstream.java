package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.ClientInfo;
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

  /**
   * Creates a client for one upstream session on behalf of a client that named itself; a 2026-07-28
   * upstream is told the client's info on each request. By default the info is not passed on.
   *
   * @param clientCapabilities the capabilities the gateway's client declared
   * @param clientInfo the client's {@code clientInfo}, or {@code null} if it gave none
   * @param callbacks where the upstream's requests and notifications go
   * @return the client; the caller closes it
   */
  default McpClient open(
      JsonNode clientCapabilities,
      @org.jspecify.annotations.Nullable ClientInfo clientInfo,
      UpstreamCallbacks callbacks) {
    return open(clientCapabilities, callbacks);
  }

  /**
   * Learns from an initialized client which protocol generation the upstream speaks.
   *
   * @param client the client, initialized
   * @return whether to keep the client; {@code false} when the upstream is to be spoken to in the
   *     other generation, which a client opened now asks for ({@code true} by default)
   * @throws dev.mcpkit.api.client.McpClientException if the upstream does not speak the generation
   *     it was configured with
   */
  default boolean learned(McpClient client) {
    return true;
  }

  /** Told of a transport failure: an upstream whose generation was probed is probed again. */
  default void failed() {}

  /** Stops what the upstream runs for all client sessions (a child process); a no-op by default. */
  default void close() {}
}
