package dev.mcpkit.benchmarks.e2e;

/**
 * One warm-up window as {@link WarmupRule} sees it.
 *
 * @param rate completed calls per second in the window
 * @param errors failed calls in the window
 * @param jitShare CPU time of the server's JIT compiler threads in the window divided by the
 *     window's wall time (0.5: half a core compiling throughout), or {@link Double#NaN} when
 *     unknown (not a JVM, not Linux); see {@link JitCpu}
 */
record WarmupWindow(double rate, long errors, double jitShare) {
  /** A window whose JIT activity is unknown. */
  static WarmupWindow of(double rate) {
    return new WarmupWindow(rate, 0, Double.NaN);
  }

  /** A window without errors whose JIT activity was read. */
  static WarmupWindow of(double rate, double jitShare) {
    return new WarmupWindow(rate, 0, jitShare);
  }

  boolean jitKnown() {
    return !Double.isNaN(jitShare);
  }
}
