package dev.mcpkit.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.server.RateLimited;
import dev.mcpkit.gateway.RateLimit;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The rate limiter on a clock of the test's own: buckets refill over their period, and idle ones
 * are dropped, so memory stays bounded by the principals active within a period.
 */
class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private static Principal named(String name) {
    return () -> name;
  }

  @Test
  void bucketsRefillAndIdleOnesExpire() {
    RateLimiter limiter =
        new RateLimiter(List.of(new RateLimit("*", null, 2, Duration.ofSeconds(10))), now::get);

    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.admit(named("p" + i), "tools/list", null)).isNull();
    }
    assertThat(limiter.admit(named("p0"), "tools/list", null)).isNull();
    RateLimited refused = limiter.admit(named("p0"), "tools/list", null);
    assertThat(refused).isNotNull();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(refused.error().data().path("retryAfterSeconds").asLong()).isEqualTo(5);
    assertThat(limiter.buckets()).isEqualTo(1000);

    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(limiter.admit(named("p0"), "tools/list", null)).as("refilled by one").isNull();
    assertThat(limiter.buckets()).isEqualTo(1000);

    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(limiter.buckets()).as("idle for a whole period: dropped").isZero();
    assertThat(limiter.admit(named("p0"), "tools/list", null)).isNull();
    assertThat(limiter.admit(named("p0"), "tools/list", null)).isNull();
    assertThat(limiter.admit(named("p0"), "tools/list", null)).isNotNull();
  }

  @Test
  void aToolRuleCountsOnlyCallsOfItsToolsEachInItsOwnBucket() {
    RateLimiter limiter =
        new RateLimiter(
            List.of(new RateLimit("a*", "docs__*", 1, Duration.ofMinutes(1))), now::get);
    var search = JsonNodeFactory.instance.objectNode().put("name", "docs__search");
    var fetch = JsonNodeFactory.instance.objectNode().put("name", "docs__fetch");
    var other = JsonNodeFactory.instance.objectNode().put("name", "files__read");

    assertThat(limiter.admit(named("alice"), "tools/call", search)).isNull();
    assertThat(limiter.admit(named("alice"), "tools/call", search)).isNotNull();
    assertThat(limiter.admit(named("alice"), "tools/call", fetch)).isNull();
    assertThat(limiter.admit(named("alice"), "tools/call", other)).isNull();
    assertThat(limiter.admit(named("alice"), "tools/call", other)).isNull();
    assertThat(limiter.admit(named("alice"), "tools/list", null)).isNull();
    assertThat(limiter.admit(named("bob"), "tools/call", search)).as("no rule for bob").isNull();
    assertThat(limiter.admit(null, "tools/call", search)).as("anonymous").isNull();
  }
}
