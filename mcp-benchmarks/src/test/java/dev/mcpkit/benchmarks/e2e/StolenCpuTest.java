package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StolenCpuTest {
  @Test
  void readsStealAsTheEighthValueAndLeavesGuestTimeOutOfTheTotal() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    StolenCpu cpu = StolenCpu.parse("cpu  100 0 50 800 10 0 20 20 7 0");

    assertThat(cpu.total()).isEqualTo(1000);
    assertThat(cpu.stolen()).isEqualTo(20);
  }

  @Test
  void thePercentageIsOfTheTicksBetweenTwoReadings() {
    StolenCpu before = StolenCpu.parse("cpu  100 0 50 800 10 0 20 20 0 0");
    StolenCpu after = StolenCpu.parse("cpu  130 0 60 840 10 0 20 40 0 0");

    // 100 ticks passed, 20 of them stolen.
    assertThat(after.percentSince(before)).isCloseTo(20.0, within(1e-9));
    assertThat(before.percentSince(before)).isZero();
  }

  @Test
  void refusesALineThatIsNotTheAggregateOne() {
    assertThatThrownBy(() -> StolenCpu.parse("cpu0 1 2 3 4 5 6 7 8"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsThisMachinesProcStatWhereThereIsOne() {
    StolenCpu now = StolenCpu.now();
    if (now != null) {
      assertThat(now.total()).isPositive();
      assertThat(now.stolen()).isBetween(0L, now.total());
    }
  }
}
