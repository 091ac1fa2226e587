package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading Linux CPU lists and splitting them between the load generator and the servers. */
class CpuSplitTest {

  @Test
  void parsesRangesAndSingleCpus() {
    assertThat(CpuSplit.parseList("0-3,6,8-9")).containsExactly(0, 1, 2, 3, 6, 8, 9);
    assertThat(CpuSplit.parseList("1")).containsExactly(1);
  }

  @Test
  void givesTheGeneratorTheLowerHalfAndTheServersTheUpperHalf() {
    assertThat(CpuSplit.of(List.of(0, 1)).orElseThrow())
        .isEqualTo(new CpuSplit(List.of(0), List.of(1)));
    CpuSplit five = CpuSplit.of(List.of(2, 3, 4, 5, 7)).orElseThrow();
    assertThat(five.driver()).containsExactly(2, 3);
    assertThat(five.servers()).containsExactly(4, 5, 7);
    assertThat(five.serverCommandPrefix()).containsExactly("taskset", "-c", "4,5,7");
    assertThat(five.describe()).isEqualTo("load generator on CPU 2,3, servers on CPU 4,5,7");
  }

  @Test
  void oneCpuCannotBeSplit() {
    assertThat(CpuSplit.of(List.of(0))).isEmpty();
  }

  @Test
  void pinningIsChosenOnTheCommandLine() {
    assertThat(E2eConfig.parse().pin()).isFalse();
    assertThat(E2eConfig.parse("--smoke").pin()).isFalse();
    assertThat(E2eConfig.parse("--pin", "true").pin()).isTrue();
  }
}
