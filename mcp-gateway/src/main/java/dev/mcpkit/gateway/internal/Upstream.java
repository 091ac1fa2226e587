package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.McpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
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
   * Creates a client for one upstream session, resuming an existing one when {@code resume} is
   * given (no {@code initialize}), and leaving the session open at the upstream when the client is
   * closed unless {@code endOnClose}; by default {@link #open(JsonNode, UpstreamCallbacks)}, for
   * upstreams whose session is not the client session's own (a shared stdio child).
   *
   * @param clientCapabilities as for {@link #open(JsonNode, UpstreamCallbacks)}
   * @param callbacks where the upstream's requests and notifications go
   * @param resume the upstream session to resume, or {@code null} to open a new one
   * @param endOnClose whether closing the client ends the upstream session
   * @return the client; the caller closes it
   */
  default McpClient open(
      JsonNode clientCapabilities,
      UpstreamCallbacks callbacks,
      @Nullable UpstreamSession resume,
      boolean endOnClose) {
    return open(clientCapabilities, callbacks);
  }

  /**
   * Ends an upstream session no client of this node holds (a client session that ended, whose
   * upstream session another node opened); a no-op by default.
   *
   * @param session the upstream session
   */
  default void end(UpstreamSession session) {}

  /** Stops what the upstream runs for all client sessions (a child process); a no-op by default. */
  default void close() {}
}
