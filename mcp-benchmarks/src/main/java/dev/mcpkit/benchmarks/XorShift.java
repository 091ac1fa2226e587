package dev.mcpkit.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A per-thread xorshift64 generator: a few cycles per draw and no shared state, so that choosing a
 * key costs (almost) nothing next to what is measured. JMH gives each benchmark thread its own
 * instance; not thread-safe, and needs not be.
 */
@State(Scope.Thread)
public class XorShift {
  private long state;

  /** Seeds each thread differently; JMH calls it once per thread. */
  @Setup
  public void seed() {
    long seed = System.nanoTime() ^ ((long) System.identityHashCode(this) << 32);
    state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /**
   * Returns the next pseudo-random value.
   *
   * @return a non-zero 64-bit value
   */
  long next() {
    long x = state;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    state = x;
    return x;
  }

  /**
   * Returns a value in {@code [0, bound)} by multiply-shift (no division).
   *
   * @param bound positive
   * @return the value
   */
  int nextInt(int bound) {
    return (int) (((next() >>> 32) * bound) >>> 32);
  }
}
