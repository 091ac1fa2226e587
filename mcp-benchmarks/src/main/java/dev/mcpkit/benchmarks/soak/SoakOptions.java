package dev.mcpkit.benchmarks.soak;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The driver's command line. Both {@code --name value} and {@code --name=value} work.
 *
 * @param minutes how long the mixed load runs (soak)
 * @param idleTimeout the server's session idle timeout
 * @param users concurrent virtual users of the mixed load, or established sessions of the flood
 * @param sessionsPerSecond the pace of new sessions, below the per-client rate limit (20/s)
 * @param out where the reports go
 * @param flood run the flood instead of the soak
 * @param floodSeconds how long the flood lasts
 * @param flooders virtual threads sending {@code initialize} during the flood
 * @param floodAddresses loopback source addresses the flood comes from (1: the established
 *     sessions' own, 127.0.0.1; more: 127.0.1.1 and up, as many clients behind one host would)
 * @param heapTolerancePercent how much the heap after GC may grow from the first third of the run
 *     to the last
 */
record SoakOptions(
    int minutes,
    Duration idleTimeout,
    int users,
    double sessionsPerSecond,
    Path out,
    boolean flood,
    int floodSeconds,
    int flooders,
    int floodAddresses,
    int heapTolerancePercent) {

  static final String USAGE =
      "usage: Soak [--minutes N (30)] [--idle-timeout S (20)] [--users N (32)]"
          + " [--sessions-per-second R (8)] [--out DIR (benchmark-results/soak)]"
          + " [--heap-tolerance PERCENT (20)]"
          + " | --flood [--flood-seconds S (60)] [--flooders N (64)] [--flood-addresses N (16)]"
          + " [--users N] [--out DIR]";

  SoakOptions {
    require(minutes >= 1 && minutes <= 24 * 60, "--minutes must be from 1 to 1440", minutes);
    require(
        idleTimeout.toSeconds() >= 2 && idleTimeout.toSeconds() <= 3600,
        "--idle-timeout must be from 2 to 3600 seconds",
        idleTimeout.toSeconds());
    require(users >= 1 && users <= 1000, "--users must be from 1 to 1000", users);
    require(
        sessionsPerSecond > 0 && sessionsPerSecond < 20,
        "--sessions-per-second must be above 0 and below the per-client limit 20",
        sessionsPerSecond);
    require(
        floodSeconds >= 1 && floodSeconds <= 600,
        "--flood-seconds must be from 1 to 600",
        floodSeconds);
    require(flooders >= 1 && flooders <= 1000, "--flooders must be from 1 to 1000", flooders);
    require(
        floodAddresses >= 1 && floodAddresses <= 250,
        "--flood-addresses must be from 1 to 250",
        floodAddresses);
    require(
        heapTolerancePercent >= 0 && heapTolerancePercent <= 1000,
        "--heap-tolerance must be from 0 to 1000",
        heapTolerancePercent);
  }

  private static void require(boolean condition, String message, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(message + ", was " + value);
    }
  }

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming the offending argument
   */
  static SoakOptions parse(String... args) {
    int minutes = 30;
    long idleSeconds = 20;
    int users = 32;
    double rate = 8;
    Path out = Path.of("benchmark-results", "soak");
    boolean flood = false;
    int floodSeconds = 60;
    int flooders = 64;
    int floodAddresses = 16;
    int heapTolerance = 20;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--flood")) {
        flood = true;
        continue;
      }
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("missing value for " + arg);
      }
      switch (name) {
        case "--minutes" -> minutes = number(name, value);
        case "--idle-timeout" -> idleSeconds = number(name, value);
        case "--users" -> users = number(name, value);
        case "--sessions-per-second" -> rate = decimal(name, value);
        case "--out" -> out = Path.of(value);
        case "--flood-seconds" -> floodSeconds = number(name, value);
        case "--flooders" -> flooders = number(name, value);
        case "--flood-addresses" -> floodAddresses = number(name, value);
        case "--heap-tolerance" -> heapTolerance = number(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new SoakOptions(
        minutes,
        Duration.ofSeconds(idleSeconds),
        users,
        rate,
        out,
        flood,
        floodSeconds,
        flooders,
        floodAddresses,
        heapTolerance);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was " + value, e);
    }
  }

  private static double decimal(String name, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, was " + value, e);
    }
  }
}
