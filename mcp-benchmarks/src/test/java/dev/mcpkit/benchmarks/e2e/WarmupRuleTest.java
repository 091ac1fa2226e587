package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.benchmarks.e2e.WarmupRule.Outcome;
import dev.mcpkit.benchmarks.e2e.WarmupRule.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRuleTest {
  private final WarmupRule rule = new WarmupRule(0.05, Duration.ofSeconds(5));

  /** Feeds windows one at a time, as the warm-up does, and returns each verdict. */
  private List<Verdict> feed(WarmupRule rule, List<WarmupWindow> windows) {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 1; i <= windows.size(); i++) {
      verdicts.add(rule.decide(windows.subList(0, i), false));
    }
    return verdicts;
  }

  @Test
  void theSpanCoversFifteenSecondsAndAtLeastThreeWindows() {
    assertThat(new WarmupRule(0.05, Duration.ofSeconds(5)).span()).isEqualTo(3);
    assertThat(new WarmupRule(0.05, Duration.ofSeconds(2)).span()).isEqualTo(8);
    assertThat(new WarmupRule(0.05, Duration.ofSeconds(8)).span()).isEqualTo(3);
    assertThat(new WarmupRule(0.05, Duration.ofMillis(500)).span()).isEqualTo(30);
  }

  @Test
  void aJvmCompilingAtASteadySlowRateIsNotWarmUntilItsJitFallsQuiet() {
    // The gateway of "Session 9, quiet machine": flat at 0.8k while C2 works, then 7.4k.
    List<WarmupWindow> windows =
        List.of(
            WarmupWindow.of(234, 0.9),
            WarmupWindow.of(818, 0.8),
            WarmupWindow.of(778, 0.8),
            WarmupWindow.of(800, 0.7),
            WarmupWindow.of(810, 0.7),
            WarmupWindow.of(1_564, 0.6),
            WarmupWindow.of(4_242, 0.4),
            WarmupWindow.of(7_201, 0.1),
            WarmupWindow.of(7_359, 0.02),
            WarmupWindow.of(7_412, 0.01));
    List<Verdict> verdicts = feed(rule, windows);

    // 818, 778, 800 agree within 5% of the best, but the JIT is 70% busy: not warm.
    assertThat(verdicts.subList(0, 9)).allMatch(v -> v.outcome() == Outcome.GO_ON);
    Verdict last = verdicts.get(9);
    assertThat(last.outcome()).isEqualTo(Outcome.STABLE);
    assertThat(last.rate()).isEqualTo(7_412);
    assertThat(last.reason()).startsWith("stable at 7412 req/s").contains("JIT 1% busy");
  }

  @Test
  void withoutTheJitsActivityALongPlateauLooksWarm() {
    // What the rule cannot tell: the same plateau, JIT unknown (not a JVM, no /proc).
    List<Verdict> verdicts =
        feed(
            rule,
            List.of(
                WarmupWindow.of(234),
                WarmupWindow.of(818),
                WarmupWindow.of(778),
                WarmupWindow.of(800)));

    assertThat(verdicts.get(2).outcome()).isEqualTo(Outcome.GO_ON);
    assertThat(verdicts.get(3).outcome()).isEqualTo(Outcome.STABLE);
    assertThat(verdicts.get(3).reason()).contains("JIT activity unknown");
  }

  @Test
  void twoAgreeingNeighboursNoLongerEndAWarmUp() {
    // The old test stopped after 234, 818, 778 (within 5% of each other).
    assertThat(
            rule.decide(
                    List.of(WarmupWindow.of(234), WarmupWindow.of(818), WarmupWindow.of(778)),
                    false)
                .outcome())
        .isEqualTo(Outcome.GO_ON);
  }

  @Test
  void aSlowSteadyRiseIsNotWarmAndEndsAsRisingAtTheLimit() {
    // mcpkit-gateway's 5 s windows in the same run: +15-25% a window, each within 25% of the last.
    List<WarmupWindow> windows =
        List.of(
            WarmupWindow.of(587),
            WarmupWindow.of(755),
            WarmupWindow.of(954),
            WarmupWindow.of(1_137),
            WarmupWindow.of(1_312));
    assertThat(feed(rule, windows)).allMatch(v -> v.outcome() == Outcome.GO_ON);

    Verdict atLimit = rule.decide(windows, true);
    assertThat(atLimit.outcome()).isEqualTo(Outcome.RISING);
    assertThat(atLimit.reason())
        .isEqualTo("hit --warmup-max while still rising (last window 1312 req/s, best 1312)");
  }

  @Test
  void aFlatRateWithABusyJitEndsAsCompilingAtTheLimit() {
    List<WarmupWindow> windows =
        List.of(WarmupWindow.of(800, 0.6), WarmupWindow.of(810, 0.6), WarmupWindow.of(805, 0.6));

    Verdict verdict = rule.decide(windows, true);

    assertThat(verdict.outcome()).isEqualTo(Outcome.COMPILING);
    assertThat(verdict.reason()).startsWith("hit --warmup-max while the JIT was still compiling");
  }

  @Test
  void noisyWindowsWithinTheToleranceOfTheBestAreWarm() {
    Verdict verdict =
        rule.decide(
            List.of(
                WarmupWindow.of(3_000, 0.3),
                WarmupWindow.of(7_200, 0.03),
                WarmupWindow.of(7_400, 0.02),
                WarmupWindow.of(7_100, 0.0)),
            false);

    assertThat(verdict.outcome()).isEqualTo(Outcome.STABLE);
  }

  @Test
  void aWarmServerWhoseWindowsSwingByFifteenPercentIsWarmOnceItsJitIsQuiet() {
    // mcpkit's first windows in session 10's quiet run (5 s, 16 users): warm from the fourth
    // window on (JIT idle), single windows 22-29k; the per-window test never called it warm.
    double[] rates = {2_826, 11_727, 21_655, 26_308, 25_914, 23_403, 23_298, 26_305, 28_604};
    double[] jit = {0.57, 0.46, 0.02, 0.01, 0.0, 0.04, 0.07, 0.0, 0.0};
    List<WarmupWindow> windows = new ArrayList<>();
    for (int i = 0; i < rates.length; i++) {
      windows.add(WarmupWindow.of(rates[i], jit[i]));
    }
    List<Verdict> verdicts = feed(rule, windows);

    // Still rising at 21.7k, 26.3k, 25.9k; then the mean holds and the JIT is quiet.
    assertThat(verdicts.subList(0, 5)).allMatch(v -> v.outcome() == Outcome.GO_ON);
    assertThat(verdicts.get(5).outcome()).isEqualTo(Outcome.STABLE);
  }

  @Test
  void aFallFromTheBestIsNotWarm() {
    // Steady at 5k after a 7k window: something changed (the machine's load, a GC); the best
    // window stays the mark, so this runs to --warmup-max and says so.
    List<WarmupWindow> windows =
        List.of(
            WarmupWindow.of(7_000),
            WarmupWindow.of(5_000),
            WarmupWindow.of(5_000),
            WarmupWindow.of(5_000));

    assertThat(feed(rule, windows)).allMatch(v -> v.outcome() == Outcome.GO_ON);
    Verdict atLimit = rule.decide(windows, true);
    assertThat(atLimit.outcome()).isEqualTo(Outcome.UNSTABLE);
    assertThat(atLimit.reason())
        .isEqualTo("hit --warmup-max unsteady (last window 5000 req/s, best 7000)");
  }

  @Test
  void errorsInTheSpanAreNotWarm() {
    List<WarmupWindow> windows =
        List.of(
            WarmupWindow.of(7_000), new WarmupWindow(7_000, 3, Double.NaN), WarmupWindow.of(7_000));

    assertThat(rule.decide(windows, false).outcome()).isEqualTo(Outcome.GO_ON);
    Verdict atLimit = rule.decide(windows, true);
    assertThat(atLimit.outcome()).isEqualTo(Outcome.UNSTABLE);
    assertThat(atLimit.reason()).contains("errors");
  }

  @Test
  void timeUpBeforeAnyWindowIsUnstable() {
    assertThat(rule.decide(List.of(), false).outcome()).isEqualTo(Outcome.GO_ON);
    assertThat(rule.decide(List.of(), true).done()).isTrue();
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> new WarmupRule(0, Duration.ofSeconds(1)))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> new WarmupRule(0.05, Duration.ZERO)).hasMessageContaining("window");
  }
}
