package dev.mcpkit.gateway.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.gateway.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's rate limits ({@link RateLimit}): one Bucket4j token bucket per rule and principal,
 * and per tool for a rule with a tool glob.
 *
 * <p>Memory is bounded: a rule's buckets expire once idle for the rule's period, and there are at
 * most {@link #MAX_BUCKETS_PER_RULE} per rule. Expiring an idle bucket loses nothing: refilled
 * greedily, {@code requests} per {@code per}, a bucket untouched for {@code per} is full again, the
 * same as a new one. Only the size bound can forget a bucket that is not full (under a flood of
 * distinct principals or tool names), which lets those requests through early, never refuses more.
 *
 * <p>A request that matches several rules takes a token from each in order and stops at the first
 * that refuses (the tokens already taken stay taken). Thread-safe.
 */
final class RateLimiter {
  /** Buckets kept per rule, at most. */
  static final int MAX_BUCKETS_PER_RULE = 100_000;

  /** The JSON-RPC error code of a refusal: in the range JSON-RPC leaves to servers. */
  static final int RATE_LIMITED = -32029;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final List<Rule> rules;

  private record Rule(
      RateLimit limit,
      Glob principal,
      @Nullable Glob tool,
      Cache<String, Bucket> buckets,
      TimeMeter clock) {
    Bucket bucket(String key) {
      return buckets.get(
          key,
          k ->
              Bucket.builder()
                  .withCustomTimePrecision(clock)
                  .addLimit(
                      b -> b.capacity(limit.requests()).refillGreedy(limit.requests(), limit.per()))
                  .build());
    }
  }

  RateLimiter(List<RateLimit> limits) {
    this(limits, System::nanoTime);
  }

  /**
   * @param limits the rules
   * @param nanoTime the clock of the buckets and of their expiry (a test's own, or {@link
   *     System#nanoTime})
   */
  RateLimiter(List<RateLimit> limits, LongSupplier nanoTime) {
    TimeMeter clock =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return nanoTime.getAsLong();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    List<Rule> compiled = new ArrayList<>();
    for (RateLimit limit : limits) {
      compiled.add(
          new Rule(
              limit,
              Glob.of(limit.principal()),
              limit.tool() == null ? null : Glob.of(limit.tool()),
              Caffeine.newBuilder()
                  .ticker(nanoTime::getAsLong)
                  .executor(Runnable::run) // evict on the caller's thread: no pool of our own
                  .expireAfterAccess(limit.per())
                  .maximumSize(MAX_BUCKETS_PER_RULE)
                  .build(),
              clock));
    }
    this.rules = List.copyOf(compiled);
  }

  /** How many buckets are held, over all rules, once expired ones are dropped (for tests). */
  long buckets() {
    long count = 0;
    for (Rule rule : rules) {
      rule.buckets().cleanUp();
      count += rule.buckets().estimatedSize();
    }
    return count;
  }

  /**
   * Takes a token for a request from every bucket that concerns it.
   *
   * @return {@code null} if admitted, or the refusal with the wait until a token is there
   */
  @Nullable RateLimited admit(
      @Nullable Principal principal, String method, @Nullable JsonNode params) {
    if (rules.isEmpty()) {
      return null;
    }
    String name = ToolAccess.nameOf(principal);
    String tool = null;
    if ("tools/call".equals(method) && params != null && params.get("name") != null) {
      tool = params.get("name").isString() ? params.get("name").asString() : null;
    }
    for (Rule rule : rules) {
      if (!rule.principal().matches(name)) {
        continue;
      }
      String key;
      if (rule.tool() == null) {
        key = name;
      } else if (tool != null && rule.tool().matches(tool)) {
        key = name + '\u0000' + tool; // NUL: in neither a principal's name nor a tool's
      } else {
        continue;
      }
      ConsumptionProbe probe = rule.bucket(key).tryConsumeAndReturnRemaining(1);
      if (!probe.isConsumed()) {
        return refusal(rule.limit(), name, rule.tool() == null ? null : tool, probe);
      }
    }
    return null;
  }

  private static RateLimited refusal(
      RateLimit limit, String principal, @Nullable String tool, ConsumptionProbe probe) {
    Duration wait = Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    long seconds = Math.max(1, wait.plusMillis(999).toSeconds());
    ObjectNode data = NODES.objectNode();
    data.put("retryAfterSeconds", seconds);
    data.put("retryAfterMillis", Math.max(1, wait.toMillis()));
    data.put("limit", limit.requests() + " per " + limit.per());
    String message =
        "Too Many Requests: rate limit of "
            + limit.requests()
            + " per "
            + limit.per()
            + " for "
            + principal
            + (tool != null ? " on tool " + tool : "")
            + "; retry after "
            + seconds
            + " s";
    return new RateLimited(new JsonRpcError(RATE_LIMITED, message, data), wait);
  }
}
