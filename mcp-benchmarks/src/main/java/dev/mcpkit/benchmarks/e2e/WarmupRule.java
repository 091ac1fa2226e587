package dev.mcpkit.benchmarks.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Decides when a server is warm, from the windows of its warm-up so far: a pure function, the
 * series in and the {@link Verdict} out.
 *
 * <p>Warm means all four of: the last {@link #span()} windows (at least three, and at least {@link
 * #MIN_SPAN} of them, after at least one earlier window) ran without errors; their mean is within
 * the tolerance of the <em>best</em> mean of any run of that many windows seen so far, not merely
 * of its neighbour (so a series that fell from a better rate is not warm); they are not rising (the
 * later half's mean is not above the earlier half's by more than the tolerance); and, where the
 * JIT's activity is known, the server's compiler threads were busy for at most {@link #JIT_QUIET}
 * of the last window. Means, not single windows: on the 2-vCPU machine single 5 s windows of a warm
 * server differ by 10-20%, so a test of each window against the best one ran every warm-up to
 * {@code --warmup-max} (session 10's quiet run: mcpkit's windows 22.1k-28.6k req/s with its JIT
 * idle for 100 s). The earlier test (two neighbouring windows within 5%) passed a gateway still
 * compiling at a steady 0.8k req/s that reached 7.4k later (BENCHMARKS.md, "Session 9, quiet
 * machine, after the merges"); the JIT test is what tells such a plateau from the end, since its
 * compiler threads are busy throughout.
 *
 * <p>What it cannot tell: without the JIT's activity (a server that is not a JVM, or a machine
 * without {@code /proc}), a plateau that lasts longer than the span and then rises again looks
 * warm; a JVM that has stopped compiling but still waits for something else (a cache filling, a
 * pool growing, the upstream of a gateway that is warm only when the gateway is) looks warm too if
 * its rate held for the span; and a machine whose load changes during the warm-up shifts the best
 * window, so a busy machine can end a warm-up "still rising" or unsteady when the server was warm.
 * The windows and the reason are kept in the results for that reason.
 *
 * @param tolerance how far below the best mean of a span the last span's mean may fall and still
 *     count (0.05: 5%)
 * @param window the length of one window
 */
record WarmupRule(double tolerance, Duration window) {
  /** The shortest stretch of agreeing windows that ends a warm-up. */
  static final Duration MIN_SPAN = Duration.ofSeconds(15);

  /**
   * The largest share of one window's wall time that the JIT compiler threads may have been busy
   * for in the last window of a warm server: about 1 s of compiling in a 5 s window was seen on a
   * still-rising gateway, a few ticks on a warm one.
   */
  static final double JIT_QUIET = 0.05;

  WarmupRule {
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in (0, 1): " + tolerance);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
  }

  /**
   * How many of the last windows must agree: at least three, covering at least {@link #MIN_SPAN}.
   */
  int span() {
    long windows = (MIN_SPAN.toMillis() + window.toMillis() - 1) / window.toMillis();
    return (int) Math.max(3, windows);
  }

  /**
   * What the windows so far say.
   *
   * @param windows the warm-up's windows, oldest first
   * @param timeIsUp whether {@code --warmup-max} has passed (then the verdict is never {@link
   *     Outcome#GO_ON})
   */
  Verdict decide(List<WarmupWindow> windows, boolean timeIsUp) {
    if (windows.isEmpty()) {
      return timeIsUp
          ? new Verdict(Outcome.UNSTABLE, 0, "hit --warmup-max before one window ended")
          : new Verdict(Outcome.GO_ON, 0, "");
    }
    int n = windows.size();
    WarmupWindow last = windows.get(n - 1);
    double best = windows.stream().mapToDouble(WarmupWindow::rate).max().orElse(0);
    int span = span();
    List<WarmupWindow> recent = windows.subList(Math.max(0, n - span), n);
    // One window before the span at least: the first is cold, and a span that starts with a
    // window far above the rest (a fall) would otherwise be its own best.
    boolean enough = n > span;
    boolean clean = recent.stream().allMatch(w -> w.errors() == 0);
    boolean nearBest =
        enough && mean(recent) >= (1 - tolerance) * bestMean(windows, span) && !rising(recent);
    boolean jitQuiet = !last.jitKnown() || last.jitShare() <= JIT_QUIET;
    if (enough && clean && nearBest && jitQuiet && best > 0) {
      return new Verdict(
          Outcome.STABLE,
          last.rate(),
          String.format(
              Locale.ROOT,
              "stable at %.0f req/s (mean of the last %d windows within %.0f%% of the best;"
                  + " best window %.0f req/s%s)",
              last.rate(),
              span,
              tolerance * 100,
              best,
              last.jitKnown()
                  ? String.format(Locale.ROOT, "; JIT %.0f%% busy", last.jitShare() * 100)
                  : "; JIT activity unknown"));
    }
    if (!timeIsUp) {
      return new Verdict(Outcome.GO_ON, last.rate(), "");
    }
    String rates =
        String.format(Locale.ROOT, "last window %.0f req/s, best %.0f", last.rate(), best);
    if (!clean) {
      return new Verdict(
          Outcome.UNSTABLE,
          last.rate(),
          "hit --warmup-max with errors in the last windows; " + rates);
    }
    if (rising(recent)) {
      return new Verdict(
          Outcome.RISING, last.rate(), "hit --warmup-max while still rising (" + rates + ")");
    }
    if (!jitQuiet) {
      return new Verdict(
          Outcome.COMPILING,
          last.rate(),
          String.format(
              Locale.ROOT,
              "hit --warmup-max while the JIT was still compiling (%.0f%% busy; %s)",
              last.jitShare() * 100,
              rates));
    }
    return new Verdict(Outcome.UNSTABLE, last.rate(), "hit --warmup-max unsteady (" + rates + ")");
  }

  /**
   * Whether the later half of the recent windows ran faster, by more than the tolerance, than the
   * earlier half (with one window, whether it is the best so far is all there is, so it counts).
   */
  private boolean rising(List<WarmupWindow> recent) {
    int half = recent.size() / 2;
    if (half == 0) {
      return true;
    }
    double early = mean(recent.subList(0, half));
    double late = mean(recent.subList(recent.size() - half, recent.size()));
    return late > (1 + tolerance) * early;
  }

  /** The best mean rate of any {@code span} consecutive windows. */
  private static double bestMean(List<WarmupWindow> windows, int span) {
    double best = 0;
    for (int end = span; end <= windows.size(); end++) {
      best = Math.max(best, mean(windows.subList(end - span, end)));
    }
    return best;
  }

  private static double mean(List<WarmupWindow> windows) {
    return windows.stream().mapToDouble(WarmupWindow::rate).average().orElse(0);
  }

  /** How a warm-up ended, or that it goes on. */
  enum Outcome {
    /** Not warm yet, and there is time left: run another window. */
    GO_ON,
    /** Warm: see {@link WarmupRule}. */
    STABLE,
    /** Time is up and the rate was still rising over the last windows. */
    RISING,
    /** Time is up, the rate had stopped rising, the JIT was still busy. */
    COMPILING,
    /** Time is up, the rate neither rose nor held within the tolerance (or calls failed). */
    UNSTABLE
  }

  /**
   * A decision.
   *
   * @param outcome go on, or why the warm-up ended
   * @param rate the last window's rate (0 before the first window)
   * @param reason one line for the log and the results ("stable at 7412 req/s (...)", "hit
   *     --warmup-max while still rising (...)"); empty while the outcome is {@link Outcome#GO_ON}
   */
  record Verdict(Outcome outcome, double rate, String reason) {
    /** Whether the warm-up is over. */
    boolean done() {
      return outcome != Outcome.GO_ON;
    }

    /** Whether the server was found warm. */
    boolean stable() {
      return outcome == Outcome.STABLE;
    }
  }
}
