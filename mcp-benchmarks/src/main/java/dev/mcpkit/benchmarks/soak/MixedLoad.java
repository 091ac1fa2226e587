package dev.mcpkit.benchmarks.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak's closed-loop mixed load: each virtual user opens a session at the {@link Pacer}'s pace,
 * makes 20 to 180 tool calls (mostly JSON answers, some SSE answers with progress), in some
 * sessions drops a standalone GET stream or resumes a closed stream with {@code Last-Event-ID}, and
 * ends the session with DELETE or abandons it to the idle timeout; one session in twenty is a
 * handshake abandoned after {@code initialize}, left to the handshake timeout.
 *
 * <p>Thread-safe: the users share only the client, the pacer and the stats, all thread-safe.
 */
final class MixedLoad {
  /** Shares of sessions: abandoned handshakes, GET dropped, resumed, ended without DELETE. */
  private static final double HANDSHAKE_ABANDONED = 0.05;

  private static final double DROPS_GET = 0.15;
  private static final double RESUMES = 0.30;
  private static final double ABANDONED = 0.30;

  /** Shares of calls: SSE answers (progress), and the error tool among the JSON ones. */
  private static final double SSE_CALLS = 0.15;

  private static final double ERROR_TOOL = 0.05;
  private static final int MIN_CALLS = 20;
  private static final int MAX_CALLS = 180;
  private static final int MAX_THINK_MILLIS = 10;

  /** How long a client waits after a 429 or 503 before its next session. */
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final McpWire wire;
  private final Pacer pacer;
  private final LoadStats stats;
  private final int users;

  MixedLoad(McpWire wire, Pacer pacer, LoadStats stats, int users) {
    this.wire = wire;
    this.pacer = pacer;
    this.stats = stats;
    this.users = users;
  }

  /**
   * Starts the users; they stop by themselves at the deadline.
   *
   * @param deadlineNanos a {@link System#nanoTime()}
   * @return the users' threads
   */
  List<Thread> start(long deadlineNanos) {
    List<Thread> threads = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      threads.add(
          Thread.ofVirtual()
              .name("soak-user-" + i)
              .start(
                  () -> {
                    try {
                      while (System.nanoTime() - deadlineNanos < 0 && pacer.await(deadlineNanos)) {
                        oneSession(deadlineNanos);
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt(); // stopped: the user ends
                    }
                  }));
    }
    return threads;
  }

  private void oneSession(long deadlineNanos) throws InterruptedException {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    McpWire.Opened opened = wire.initialize();
    boolean abandonHandshake = random.nextDouble() < HANDSHAKE_ABANDONED;
    McpWire.Session session = opened.session();
    if (opened.outcome() != Outcome.OK || session == null) {
      stats.count(abandonHandshake ? Op.HANDSHAKE_ABANDONED : Op.INITIALIZE, opened.outcome());
      Thread.sleep(BACKOFF);
      return;
    }
    if (abandonHandshake) {
      stats.count(Op.HANDSHAKE_ABANDONED, Outcome.OK);
      return;
    }
    stats.count(Op.INITIALIZE, Outcome.OK);
    Outcome initialized = wire.initialized(session);
    stats.count(Op.INITIALIZED, initialized);
    if (initialized != Outcome.OK) {
      return;
    }
    int calls = random.nextInt(MIN_CALLS, MAX_CALLS + 1);
    int dropAt = random.nextDouble() < DROPS_GET ? random.nextInt(calls) : -1;
    int resumeAt = random.nextDouble() < RESUMES ? random.nextInt(calls) : -1;
    for (int i = 0; i < calls && System.nanoTime() - deadlineNanos < 0; i++) {
      if (i == dropAt) {
        Duration hold = Duration.ofMillis(random.nextInt(100, 1_000));
        stats.count(Op.GET_DROPPED, wire.openAndDropStream(session, hold));
      }
      if (i == resumeAt) {
        stats.count(Op.RESUMED, wire.callAndResume(session));
      }
      if (random.nextDouble() < SSE_CALLS) {
        stats.count(Op.SSE_CALL, wire.call(session, "test_tool_with_progress", true));
      } else {
        String tool = random.nextDouble() < ERROR_TOOL ? "test_error_handling" : "test_simple_text";
        long start = System.nanoTime();
        Outcome outcome = wire.call(session, tool, false);
        if (outcome == Outcome.OK) {
          stats.recordCall(System.nanoTime() - start);
        }
        stats.count(Op.CALL, outcome);
      }
      Thread.sleep(random.nextInt(MAX_THINK_MILLIS + 1));
    }
    if (random.nextDouble() < ABANDONED) {
      stats.count(Op.ABANDONED, Outcome.OK);
    } else {
      stats.count(Op.DELETE, wire.delete(session));
    }
  }
}
