package dev.mcpkit.gateway.internal.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.gateway.tape.TapeStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Records the gateway's client sessions on tapes: request threads hand each message to a bounded
 * lock-free queue ({@link TapeQueue}: never waits, takes no lock; a full queue drops the message
 * and counts it), one writer thread ({@link TapeWriter}) redacts, serializes and writes the files.
 * A session is recorded from the answer to its {@code initialize} ({@link #start}) to its end
 * ({@link #sessionClosed}).
 *
 * <p>What a request thread pays is kept to the hand-off: the message objects the gateway already
 * holds are queued as they are (they are immutable), the header values are looked up but redacted
 * later, and starting a tape is one map insertion (the file's name is the writer's business). The
 * writer is not woken per message: it sleeps {@link #WRITER_PAUSE} when it finds the queue empty,
 * and the offer that fills the queue to half its capacity wakes it early, so a burst is written
 * before it overflows.
 *
 * <p>Thread-safe: the live tapes are a concurrent map, the queue is multi-producer, the counters
 * are adders.
 */
public final class TapeRecorder implements AutoCloseable {
  /** How long {@link #close()} waits for the writer to finish what is queued. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** How long the writer sleeps when it finds nothing to write: the lag of a tape at low load. */
  static final Duration WRITER_PAUSE = Duration.ofMillis(20);

  /** What the writer did; read by {@link #stats()}. */
  static final class Counters {
    final LongAdder tapes = new LongAdder();
    final LongAdder lines = new LongAdder();
    final LongAdder bytes = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder truncated = new LongAdder();
  }

  private final TapeSettings settings;
  private final InstantSource clock;
  private final Redactor redactor;
  private final Counters counters = new Counters();
  private final Map<String, TapeHandle> live = new ConcurrentHashMap<>();
  private final TapeQueue<TapeEvent> queue;
  private final int wakeAt;
  private final Thread writer;

  /** Set once by {@link #close()}; read by the writer between rounds. */
  private volatile boolean stopping;

  /**
   * Creates the directory and starts the writer thread.
   *
   * @param settings where and how much
   * @throws UncheckedIOException if the directory cannot be created
   */
  public TapeRecorder(TapeSettings settings) {
    this(settings, InstantSource.system(), true);
  }

  TapeRecorder(TapeSettings settings, InstantSource clock, boolean startWriter) {
    this.settings = requireNonNull(settings, "settings");
    this.clock = requireNonNull(clock, "clock");
    this.redactor = new Redactor(settings);
    this.queue = new TapeQueue<>(settings.queueCapacity());
    this.wakeAt = settings.queueCapacity() / 2;
    try {
      Files.createDirectories(settings.directory());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the tapes directory " + settings.directory(), e);
    }
    TapeWriter work = new TapeWriter(settings, redactor, counters);
    this.writer =
        Thread.ofPlatform()
            .name("mcpkit-tape-writer")
            .daemon(true)
            .unstarted(() -> work.run(queue, () -> stopping, WRITER_PAUSE));
    if (startWriter) {
      writer.start();
    }
  }

  /** Starts the writer of a recorder made without it (tests fill the queue first). */
  void startWriter() {
    writer.start();
  }

  /** The redaction in force, for the headers the request side records. */
  Redactor redactor() {
    return redactor;
  }

  /** The time now, by the recorder's clock. */
  Instant now() {
    return clock.instant();
  }

  /**
   * Starts the tape of a new client session: one map insertion, no file work.
   *
   * @param sessionId the session's id (only its hash is written)
   * @return the tape
   */
  public TapeHandle start(String sessionId) {
    TapeHandle tape = new TapeHandle(sessionId, clock.instant(), settings.directory());
    TapeHandle previous = live.putIfAbsent(sessionId, tape);
    return previous != null ? previous : tape;
  }

  /**
   * Returns the tape of a live session.
   *
   * @param sessionId the raw session id a request carries
   * @return the tape, or {@code null} if that session is not being recorded
   */
  public @Nullable TapeHandle live(@Nullable String sessionId) {
    return sessionId == null ? null : live.get(sessionId);
  }

  /**
   * Queues one message; never waits.
   *
   * @param tape the tape
   * @param at when the gateway saw it
   * @param direction which way it travelled
   * @param upstream the upstream's name on the upstream side
   * @param call the tape's id of the upstream call it belongs to
   * @param message the message
   * @param headers the values of {@link Redactor#recordedHeaders()} of a client POST, or {@code
   *     null}
   */
  public void record(
      TapeHandle tape,
      Instant at,
      Direction direction,
      @Nullable String upstream,
      @Nullable String call,
      @Nullable JsonRpcMessage message,
      @Nullable List<@Nullable String> headers) {
    int before = queue.offer(new TapeLine(tape, at, direction, upstream, call, message, headers));
    if (before < 0) {
      counters.dropped.increment();
      tape.dropped();
    } else if (before == wakeAt) {
      // Exactly one offer sees the count cross the level on its way up: one wake-up per burst.
      LockSupport.unpark(writer);
    }
  }

  /** Ends the tape of a session that closed; a no-op for one not recorded. */
  public void sessionClosed(String sessionId) {
    TapeHandle tape = live.remove(sessionId);
    if (tape != null) {
      queue.force(new TapeEnd(tape, clock.instant(), "closed"));
    }
  }

  /**
   * Returns what was recorded so far.
   *
   * @return the counters
   */
  public TapeStats stats() {
    return new TapeStats(
        counters.tapes.sum(),
        counters.lines.sum(),
        counters.bytes.sum(),
        counters.dropped.sum(),
        counters.truncated.sum());
  }

  /**
   * Ends every live tape ({@code stopped}) and waits a few seconds at most for the writer to write
   * what is queued. Closing twice is a no-op.
   */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    Instant now = clock.instant();
    for (String sessionId : live.keySet()) {
      TapeHandle tape = live.remove(sessionId);
      if (tape != null) {
        queue.force(new TapeEnd(tape, now, "stopped"));
      }
    }
    stopping = true;
    LockSupport.unpark(writer);
    if (writer.isAlive()) {
      try {
        writer.join(CLOSE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
