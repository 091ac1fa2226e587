package dev.mcpkit.benchmarks.soak;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The flood run: {@code --users} established sessions call {@code test_simple_text} in a closed
 * loop, 20 s alone, then for {@code --flood-seconds} beside {@code --flooders} virtual threads that
 * send {@code initialize} and never complete the handshake, from {@code --flood-addresses} loopback
 * addresses, then 10 s alone again. Reports the sessions kept (established sessions that still
 * answer after the flood), the p99 of their calls in each phase, the flood's answers by status
 * (200: a pending handshake admitted; 429: the per-client rate; 503: the handshake pool full),
 * whether a newcomer from another address could complete a handshake during and after the flood,
 * and the live sessions once the handshake timeout has passed. Writes {@code flood.md}.
 *
 * <p>Not thread-safe: {@link #run()} is called once by the driver's thread.
 */
final class Flood {
  private static final Duration BEFORE = Duration.ofSeconds(20);
  private static final Duration AFTER = Duration.ofSeconds(10);
  private static final Duration NEWCOMER_EVERY = Duration.ofSeconds(5);

  /** The server's default handshake timeout, plus a margin for its sweep. */
  private static final Duration HANDSHAKE_EXPIRY = Duration.ofSeconds(10 + 10);

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);

  private final SoakOptions options;
  private final ServerProcess server;
  private final ServerProbe probe;
  private final Recorder calls = new Recorder(MAX_MICROS, 3);
  private final AtomicLong callErrors = new AtomicLong();
  private final LongAdder admitted = new LongAdder();
  private final LongAdder limited = new LongAdder();
  private final LongAdder unavailable = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final List<String> newcomers = new ArrayList<>();

  Flood(SoakOptions options, ServerProcess server, ServerProbe probe) {
    this.options = options;
    this.server = server;
    this.probe = probe;
  }

  /** Runs the flood; true if every established session was kept. */
  boolean run() throws IOException, InterruptedException {
    Instant started = Instant.now();
    ServerSample baseline = probe.sample();
    List<McpWire> floodWires = new ArrayList<>();
    try (McpWire wire = new McpWire(server.endpoint(), InetAddress.getLoopbackAddress());
        McpWire newcomerWire = new McpWire(server.endpoint(), InetAddress.getByName("127.0.2.1"))) {
      List<McpWire.Session> sessions = establish(wire);
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> callers = new ArrayList<>();
      for (McpWire.Session session : sessions) {
        callers.add(Thread.ofVirtual().start(() -> callLoop(wire, session, stop)));
      }
      Thread.sleep(BEFORE);
      Histogram before = calls.getIntervalHistogram();
      long errorsBefore = callErrors.getAndSet(0);

      for (int i = 0; i < options.floodAddresses(); i++) {
        InetAddress from =
            options.floodAddresses() == 1
                ? InetAddress.getLoopbackAddress()
                : InetAddress.getByName("127.0.1." + (i + 1));
        floodWires.add(new McpWire(server.endpoint(), from));
      }
      long floodEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.floodSeconds());
      List<Thread> flooders = new ArrayList<>();
      for (int i = 0; i < options.flooders(); i++) {
        McpWire floodWire = floodWires.get(i % floodWires.size());
        flooders.add(Thread.ofVirtual().start(() -> floodLoop(floodWire, floodEnd)));
      }
      long peakPending = 0;
      while (System.nanoTime() - floodEnd < 0) {
        Thread.sleep(Math.min(NEWCOMER_EVERY.toNanos(), floodEnd - System.nanoTime()) / 1_000_000);
        if (System.nanoTime() - floodEnd < 0) {
          newcomers.add("during: " + newcomer(newcomerWire));
        }
        peakPending = Math.max(peakPending, probe.sample().initializing());
      }
      for (Thread flooder : flooders) {
        flooder.join(Duration.ofSeconds(40));
      }
      Histogram during = calls.getIntervalHistogram();
      long errorsDuring = callErrors.getAndSet(0);
      Thread.sleep(AFTER);
      Histogram after = calls.getIntervalHistogram();
      long errorsAfter = callErrors.getAndSet(0);
      stop.set(true);
      for (Thread caller : callers) {
        caller.join(Duration.ofSeconds(40));
      }
      int kept = 0;
      for (McpWire.Session session : sessions) {
        if (wire.call(session, "test_simple_text", false) == Outcome.OK) {
          kept++;
        }
      }
      newcomers.add("after: " + newcomer(newcomerWire));
      Thread.sleep(HANDSHAKE_EXPIRY);
      ServerSample settled = probe.sample();
      for (McpWire.Session session : sessions) {
        wire.delete(session);
      }
      String report =
          report(
              started,
              sessions.size(),
              kept,
              new Histogram[] {before, during, after},
              new long[] {errorsBefore, errorsDuring, errorsAfter},
              peakPending,
              baseline,
              settled);
      Files.writeString(options.out().resolve("flood.md"), report);
      Soak.log("\n" + report);
      return kept == options.users() && sessions.size() == options.users();
    } finally {
      floodWires.forEach(McpWire::close);
    }
  }

  private List<McpWire.Session> establish(McpWire wire) throws InterruptedException {
    Pacer pacer = new Pacer(options.sessionsPerSecond());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    List<McpWire.Session> sessions = new ArrayList<>();
    while (sessions.size() < options.users() && pacer.await(deadline)) {
      McpWire.Opened opened = wire.initialize();
      McpWire.Session session = opened.session();
      if (session != null && wire.initialized(session) == Outcome.OK) {
        sessions.add(session);
      } else {
        Soak.log("could not establish a session: " + opened.outcome());
      }
    }
    return sessions;
  }

  private void callLoop(McpWire wire, McpWire.Session session, AtomicBoolean stop) {
    try {
      while (!stop.get()) {
        long start = System.nanoTime();
        if (wire.call(session, "test_simple_text", false) == Outcome.OK) {
          calls.recordValue(
              Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start)));
        } else {
          callErrors.incrementAndGet();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: the caller ends
    }
  }

  private void floodLoop(McpWire wire, long endNanos) {
    try {
      while (System.nanoTime() - endNanos < 0) {
        switch (wire.initialize().outcome()) {
          case OK -> admitted.increment();
          case RATE_LIMITED -> limited.increment();
          case UNAVAILABLE -> unavailable.increment();
          case ERROR -> failed.increment();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: the flooder ends
    }
  }

  /** A well-behaved client's whole session: initialize, initialized, one call, DELETE. */
  private static String newcomer(McpWire wire) throws InterruptedException {
    long start = System.nanoTime();
    McpWire.Opened opened = wire.initialize();
    McpWire.Session session = opened.session();
    if (session == null) {
      return "initialize " + opened.outcome();
    }
    Outcome initialized = wire.initialized(session);
    Outcome call = wire.call(session, "test_simple_text", false);
    wire.delete(session);
    return String.format(
        Locale.ROOT,
        "initialize OK, initialized %s, call %s (%.0f ms)",
        initialized,
        call,
        (System.nanoTime() - start) / 1e6);
  }

  private String report(
      Instant started,
      int established,
      int kept,
      Histogram[] phases,
      long[] errors,
      long peakPending,
      ServerSample baseline,
      ServerSample settled) {
    String[] names = {"before (20 s)", "during (" + options.floodSeconds() + " s)", "after (10 s)"};
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Flood of %s: %d established sessions calling `test_simple_text` in a closed loop; %d"
                + " flooders sending `initialize` only, from %d loopback address(es), for %d s;"
                + " %s%n%n",
            started,
            established,
            options.flooders(),
            options.floodAddresses(),
            options.floodSeconds(),
            Machine.describe()));
    md.append(
        "| phase | calls/s | p50 ms | p99 ms | max ms | call errors |\n|---|---|---|---|---|---|\n");
    double[] seconds = {BEFORE.toSeconds(), options.floodSeconds(), AFTER.toSeconds()};
    for (int i = 0; i < phases.length; i++) {
      Histogram h = phases[i];
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.2f | %.2f | %.1f | %d |%n",
              names[i],
              h.getTotalCount() / seconds[i],
              h.getValueAtPercentile(50) / 1000.0,
              h.getValueAtPercentile(99) / 1000.0,
              h.getMaxValue() / 1000.0,
              errors[i]));
    }
    long total = admitted.sum() + limited.sum() + unavailable.sum() + failed.sum();
    md.append(
        String.format(
            Locale.ROOT,
            "%nFlood requests: %d (%.0f/s): 200 (pending handshake admitted) %d, 429 (client rate)"
                + " %d, 503 (handshake pool full) %d, other/errors %d.%n",
            total,
            total / (double) options.floodSeconds(),
            admitted.sum(),
            limited.sum(),
            unavailable.sum(),
            failed.sum()));
    md.append(
        String.format(
            Locale.ROOT,
            "Peak pending handshakes seen: %d.%nSessions kept: %d of %d established.%n",
            peakPending,
            kept,
            established));
    md.append("Newcomer from another address: ").append(String.join("; ", newcomers)).append(".\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Pending handshakes %d s after the flood (handshake timeout 10 s): %d; established"
                + " sessions %d (idle since their calls stopped, so gone if the idle timeout is"
                + " shorter; baseline %d).%nServer heap after GC %s -> %s MiB, threads %d -> %d,"
                + " fds %d -> %d.%n",
            HANDSHAKE_EXPIRY.toSeconds(),
            settled.initializing(),
            settled.active(),
            baseline.sessions(),
            baseline.heapMib(),
            settled.heapMib(),
            baseline.threads(),
            settled.threads(),
            baseline.fds(),
            settled.fds()));
    return md.toString();
  }
}
