package dev.mcpkit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionId;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks that the adapters the benchmarks compare do what the benchmarks assume, and that the
 * expiry benchmark's steady state expires exactly its batch per pass. Runs no benchmark.
 */
class SessionTableTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        SessionTable.MCPKIT,
        SessionTable.MCPKIT_METRICS,
        SessionTable.CHM,
        SessionTable.CHM_SCAN,
        SessionTable.CAFFEINE
      })
  void createTouchTerminate(String impl) {
    try (SessionTable table =
        SessionTable.create(
            impl,
            new SessionTable.Config(100, Duration.ofMinutes(30), InstantSource.system(), false))) {
      SessionId a = table.create();
      SessionId b = table.create();
      assertThat(a).isNotEqualTo(b);
      assertThat(table.size()).isEqualTo(2);
      assertThat(table.touch(a)).isNotNull();
      assertThat(table.terminate(a)).isTrue();
      assertThat(table.terminate(a)).isFalse();
      assertThat(table.touch(a)).isNull();
      assertThat(table.touch(b)).isNotNull();
      assertThat(table.size()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        SessionTable.MCPKIT,
        SessionTable.MCPKIT_METRICS,
        SessionTable.CHM_SCAN,
        SessionTable.CAFFEINE
      })
  void expiresIdleSessionsUnderAManualClock(String impl) {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (SessionTable table =
        SessionTable.create(
            impl, new SessionTable.Config(100, Duration.ofSeconds(10), clock, true))) {
      SessionId idle = table.create();
      SessionId busy = table.create();
      clock.advance(Duration.ofSeconds(6));
      assertThat(table.touch(busy)).isNotNull();
      clock.advance(Duration.ofSeconds(6));
      assertThat(table.expire()).isEqualTo(1);
      assertThat(table.touch(idle)).isNull();
      assertThat(table.touch(busy)).isNotNull();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {SessionTable.MCPKIT, SessionTable.CHM_SCAN, SessionTable.CAFFEINE})
  void theSweepBenchmarkExpiresExactlyOneBatchPerPass(String impl) {
    ExpirySweepBenchmark benchmark = new ExpirySweepBenchmark();
    benchmark.impl = impl;
    benchmark.population = 5 * ExpirySweepBenchmark.EXPIRING;
    benchmark.populate();
    try {
      assertThat(benchmark.size()).isEqualTo(benchmark.population - ExpirySweepBenchmark.EXPIRING);
      for (int pass = 0; pass < 12; pass++) {
        assertThat(benchmark.runOnce())
            .as("pass %d", pass)
            .isEqualTo(ExpirySweepBenchmark.EXPIRING);
        assertThat(benchmark.size())
            .isEqualTo(benchmark.population - ExpirySweepBenchmark.EXPIRING);
      }
    } finally {
      benchmark.close();
    }
  }

  @Test
  void rejectsAnUnknownImplementationNamingTheParameter() {
    assertThatThrownBy(
            () ->
                SessionTable.create(
                    "hashtable",
                    new SessionTable.Config(
                        1, Duration.ofMinutes(1), InstantSource.system(), false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("impl");
  }

  @Test
  void xorShiftStaysInRangeAndCoversIt() {
    XorShift random = new XorShift();
    random.seed();
    int bound = 7;
    boolean[] seen = new boolean[bound];
    for (int i = 0; i < 10_000; i++) {
      int value = random.nextInt(bound);
      assertThat(value).isBetween(0, bound - 1);
      seen[value] = true;
    }
    for (boolean hit : seen) {
      assertThat(hit).isTrue();
    }
  }
}
