package dev.mcpkit.api.server;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcError;
import java.time.Duration;

/**
 * A request refused before it ran because its sender exceeded a rate limit, as {@link
 * DynamicMethods#admit} decides it. Over Streamable HTTP, when the request is the whole exchange,
 * the engine answers it with {@link dev.mcpkit.api.spi.transport.Rejection#TOO_MANY_REQUESTS} (429
 * with {@code Retry-After}) and {@link #error()} as the body; inside a JSON-RPC batch, or on a
 * transport without statuses (stdio), the request's response is {@link #error()} alone, so the
 * error should carry its retry hint in {@code data} too.
 *
 * @param error the JSON-RPC error of the refusal
 * @param retryAfter when the sender may try again; positive
 */
public record RateLimited(JsonRpcError error, Duration retryAfter) {
  /** Validates the fields. */
  public RateLimited {
    requireNonNull(error, "error");
    requireNonNull(retryAfter, "retryAfter");
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
    }
  }
}
