package dev.mcpkit.benchmarks.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The soak and the flood run of issue 21, against the everything server in a child JVM. Run it
 * through {@code mcp-benchmarks/scripts/soak.sh}, which builds what it needs:
 *
 * <pre>
 * mcp-benchmarks/scripts/soak.sh                            # 30 minutes, idle timeout 20 s
 * mcp-benchmarks/scripts/soak.sh --minutes 3 --out DIR      # a smoke
 * mcp-benchmarks/scripts/soak.sh --flood                    # 60 s of incomplete handshakes
 * </pre>
 *
 * <p>The soak runs {@link MixedLoad} for {@code --minutes}, samples the server every minute ({@link
 * ServerProbe}), stops, waits the idle timeout plus a margin for the abandoned sessions to expire,
 * samples again and writes {@code soak.csv} and {@code soak.md} ({@link SoakReport}). The exit code
 * is 1 if a criterion fails, 2 on bad options. Every wait is bounded: the run ends within {@code
 * --minutes} plus about three idle timeouts and two minutes.
 */
public final class Soak {
  /**
   * What the sessions' expiry may take beyond the idle timeout (sweep period, handshake timeout).
   */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(15);

  private static final Duration EXPIRY_POLL = Duration.ofSeconds(2);
  private static final Duration JOIN_BOUND = Duration.ofSeconds(60);

  private Soak() {}

  /**
   * Runs the soak or the flood.
   *
   * @param args see {@link SoakOptions#USAGE}
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    SoakOptions options;
    try {
      options = SoakOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.out());
    boolean passed;
    try (ServerProcess server = ServerProcess.start(options.idleTimeout(), options.out());
        ServerProbe probe = new ServerProbe(server.pid(), server.metrics())) {
      log("server pid " + server.pid() + " at " + server.endpoint());
      passed =
          options.flood() ? new Flood(options, server, probe).run() : soak(options, server, probe);
    }
    System.exit(passed ? 0 : 1);
  }

  private static boolean soak(SoakOptions options, ServerProcess server, ServerProbe probe)
      throws IOException, InterruptedException {
    Instant started = Instant.now();
    List<SoakRow> rows = new ArrayList<>();
    ServerSample baseline = probe.sample();
    rows.add(new SoakRow("baseline", null, baseline));
    log("baseline " + baseline);
    LoadStats stats = new LoadStats();
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MINUTES.toNanos(options.minutes());
    List<Thread> users;
    try (McpWire wire = new McpWire(server.endpoint(), InetAddress.getLoopbackAddress())) {
      users =
          new MixedLoad(wire, new Pacer(options.sessionsPerSecond()), stats, options.users())
              .start(deadline);
      for (int minute = 1; minute <= options.minutes(); minute++) {
        long at = start + TimeUnit.MINUTES.toNanos(minute);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, at - System.nanoTime()));
        // The last minute is sampled like the others, as its users finish their last request.
        LoadStats.Interval load = stats.interval();
        ServerSample sample = probe.sample();
        rows.add(new SoakRow(Integer.toString(minute), load, sample));
        log(
            String.format(
                java.util.Locale.ROOT,
                "minute %d: %d calls ok, p99 %.1f ms, errors %d, 429 %d, 503 %d; %s",
                minute,
                load.ok(Op.CALL) + load.ok(Op.SSE_CALL),
                load.callMillis(99),
                load.errors(),
                load.total(Outcome.RATE_LIMITED),
                load.total(Outcome.UNAVAILABLE),
                sample));
        if (!server.isAlive()) {
          log("the server died; see server.log");
          break;
        }
      }
      join(users);
    }
    // Every connection of the load is closed now; abandoned sessions expire after the idle timeout,
    // abandoned handshakes after the handshake timeout (10 s, shorter).
    Duration wait = options.idleTimeout().plus(EXPIRY_MARGIN);
    log("load stopped; waiting " + wait.toSeconds() + " s for idle sessions to expire");
    Thread.sleep(wait);
    long pollUntil = System.nanoTime() + options.idleTimeout().plus(JOIN_BOUND).toNanos();
    while (probe.sessionsOnly() != baseline.sessions() && System.nanoTime() - pollUntil < 0) {
      Thread.sleep(EXPIRY_POLL);
    }
    ServerSample after = probe.sample();
    rows.add(new SoakRow("after", null, after));
    log("after " + after);
    SoakReport report = new SoakReport(rows, options);
    String header =
        String.format(
            "Soak of %s: %d min, %d users, %.1f new sessions/s, idle timeout %d s; %s%n%n%s",
            started,
            options.minutes(),
            options.users(),
            options.sessionsPerSecond(),
            options.idleTimeout().toSeconds(),
            Machine.describe(),
            "Rows `baseline` (before the load) and `after` (the idle timeout plus a margin after"
                + " it) hold only the server's sample; `calls_per_s` counts JSON and SSE tool calls;"
                + " p50/p99 are of the JSON calls (`test_simple_text`, `test_error_handling`).");
    report.write(options.out(), header);
    report.verdicts().forEach(Soak::log);
    log("wrote " + options.out().resolve("soak.md"));
    return report.passed();
  }

  private static void join(List<Thread> threads) throws InterruptedException {
    long until = System.nanoTime() + JOIN_BOUND.toNanos();
    for (Thread thread : threads) {
      long left = until - System.nanoTime();
      if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
        log("a user did not stop in time: " + thread.getName());
      }
    }
  }

  static void log(String line) {
    System.out.println(Instant.now() + " " + line);
  }
}
