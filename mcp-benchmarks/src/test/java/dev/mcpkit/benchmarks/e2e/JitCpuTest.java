package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JitCpuTest {
  @Test
  void findsTheCompilerThreadsOfARunningJvm() {
    // This test's own JVM: HotSpot keeps at least one C1 and one C2 compiler thread.
    Map<String, Long> sample = JitCpu.sample(ProcessHandle.current().pid());

    assertThat(sample).isNotEmpty();
    assertThat(sample.values()).allMatch(ticks -> ticks >= 0);
    assertThat(JitCpu.busyNanos(sample, JitCpu.sample(ProcessHandle.current().pid())))
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void sumsEachThreadsOwnDifference() {
    Map<String, Long> before = Map.of("1/10", 100L, "1/11", 50L, "1/12", 7L);
    // 11 went on, 12 ended (its ticks are lost), 13 started.
    Map<String, Long> after = Map.of("1/10", 100L, "1/11", 80L, "1/13", 5L);

    assertThat(JitCpu.busyNanos(before, after)).isEqualTo(35 * 10_000_000L);
  }

  @Test
  void noCompilerThreadMeansUnknown() {
    assertThat(JitCpu.busyNanos(Map.of(), Map.of())).isEqualTo(-1);
  }
}
