package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per principal (whose name matches {@link #principal()}), and per tool when {@link
 * #tool()} is set: {@link #requests()} requests per {@link #per()}, refilled gradually, at most
 * that many at once. Without a tool glob every request of the catalogue counts (listings, calls,
 * reads); with one, only {@code tools/call} of the tools it matches, each tool in its own bucket.
 * Globs as in {@link ToolRule}. A refused request is answered with 429 and {@code Retry-After} plus
 * a JSON-RPC error (or the error alone inside a batch or over stdio), with the retry hint in {@code
 * data.retryAfterSeconds}.
 *
 * @param principal a glob over principal names ({@value ToolRule#ANONYMOUS} for anonymous clients)
 * @param tool a glob over exposed tool names, or {@code null} for every request
 * @param requests how many requests per period; positive
 * @param per the period; positive
 */
public record RateLimit(String principal, @Nullable String tool, long requests, Duration per) {
  /** Validates the fields. */
  public RateLimit {
    requireNonNull(principal, "principal");
    requireNonNull(per, "per");
    if (principal.isBlank() || (tool != null && tool.isBlank())) {
      throw new IllegalArgumentException("rate limit: principal and tool must not be blank");
    }
    if (requests <= 0) {
      throw new IllegalArgumentException("rate limit: requests must be positive, was " + requests);
    }
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("rate limit: per must be positive, was " + per);
    }
  }
}
