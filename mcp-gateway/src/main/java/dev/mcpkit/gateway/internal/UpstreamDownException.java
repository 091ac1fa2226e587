package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.client.McpClientException;
import java.io.Serial;

/**
 * A call refused at once because the upstream's process is down (being restarted, or stopped): no
 * JSON-RPC error of the upstream's own, so the gateway answers with its own and the breaker counts
 * a failure.
 */
final class UpstreamDownException extends McpClientException {
  @Serial private static final long serialVersionUID = 1L;

  UpstreamDownException(String message) {
    super(message, null);
  }
}
