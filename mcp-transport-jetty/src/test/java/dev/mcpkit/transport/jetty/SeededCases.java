package dev.mcpkit.transport.jetty;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Runs a property over a bounded number of inputs generated from a fixed seed: the seed is printed
 * before the run, and a failing input is cut down by a simple loop (the first smaller candidate
 * that still fails is kept) and reported with its seed, so that it can be replayed. {@code
 * -Dmcpkit.fuzz.seed=S} runs every property from seed {@code S} instead of its own; {@code
 * -Dmcpkit.fuzz.case=C} runs the one case of seed {@code C} (as a failure names it). Not
 * thread-safe: one per test.
 *
 * @param <T> the generated input
 */
final class SeededCases<T> {
  static final String SEED_PROPERTY = "mcpkit.fuzz.seed";
  static final String CASE_PROPERTY = "mcpkit.fuzz.case";
  private static final int SHRINK_ATTEMPTS = 300;

  /** A property of one input: returns normally when it holds. */
  @FunctionalInterface
  interface Property<T> {
    void check(T input) throws Exception;
  }

  private final String name;
  private final int cases;
  private final Function<RandomGenerator, T> generator;
  private Function<T, List<T>> smaller = input -> List.of();
  private Function<T, String> show = String::valueOf;

  private SeededCases(String name, int cases, Function<RandomGenerator, T> generator) {
    this.name = name;
    this.cases = cases;
    this.generator = generator;
  }

  /** {@code cases} inputs of {@code generator}, for the property called {@code name}. */
  static <T> SeededCases<T> of(String name, int cases, Function<RandomGenerator, T> generator) {
    return new SeededCases<>(name, cases, generator);
  }

  /** Candidates smaller than a failing input, tried in order while minimizing it. */
  SeededCases<T> shrinkWith(Function<T, List<T>> smaller) {
    this.smaller = smaller;
    return this;
  }

  /** How an input is written in a failure. */
  SeededCases<T> showWith(Function<T, String> show) {
    this.show = show;
    return this;
  }

  /**
   * Checks the property on every case; throws an {@link AssertionError} naming the first failure.
   */
  void check(Property<T> property) {
    String single = System.getProperty(CASE_PROPERTY);
    if (single != null) {
      long caseSeed = parse(single);
      System.out.printf("fuzz %s: the one case of seed 0x%016x%n", name, caseSeed);
      run(property, 0, 1, caseSeed, caseSeed);
      return;
    }
    String given = System.getProperty(SEED_PROPERTY);
    long seed = given != null ? parse(given) : defaultSeed(name);
    System.out.printf(
        "fuzz %s: %d cases from seed 0x%016x (replay with -D%s=0x%016x)%n",
        name, cases, seed, SEED_PROPERTY, seed);
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < cases; i++) {
      run(property, i, cases, seed, seeds.nextLong());
    }
  }

  private void run(Property<T> property, int index, int count, long seed, long caseSeed) {
    T input = generator.apply(new SplittableRandom(caseSeed));
    Throwable failure = failure(property, input);
    if (failure == null) {
      return;
    }
    T original = input;
    int steps = 0;
    int attempts = 0;
    boolean shrunk = true;
    while (shrunk && attempts < SHRINK_ATTEMPTS) {
      shrunk = false;
      for (T candidate : smaller.apply(input)) {
        if (++attempts > SHRINK_ATTEMPTS) {
          break;
        }
        Throwable again = failure(property, candidate);
        if (again != null) {
          input = candidate;
          failure = again;
          steps++;
          shrunk = true;
          break;
        }
      }
    }
    String minimized =
        steps == 0 ? "" : " (minimized in " + steps + " steps from " + show.apply(original) + ")";
    throw new AssertionError(
        String.format(
            "fuzz %s failed at case %d of %d, seed 0x%016x, case seed 0x%016x: replay with"
                + " -D%s=0x%016x%n  input: %s%s%n  %s",
            name,
            index,
            count,
            seed,
            caseSeed,
            CASE_PROPERTY,
            caseSeed,
            show.apply(input),
            minimized,
            failure),
        failure);
  }

  private static <T> @Nullable Throwable failure(Property<T> property, T input) {
    try {
      property.check(input);
      return null;
    } catch (Exception | AssertionError | StackOverflowError e) {
      return e;
    }
  }

  /** A seed fixed by the property's name, so each property has its own and keeps it. */
  private static long defaultSeed(String name) {
    return new SplittableRandom(Objects.hash(name)).nextLong();
  }

  private static long parse(String seed) {
    String s = seed.strip();
    return s.startsWith("0x") || s.startsWith("0X")
        ? Long.parseUnsignedLong(s.substring(2), 16)
        : Long.parseLong(s);
  }
}
