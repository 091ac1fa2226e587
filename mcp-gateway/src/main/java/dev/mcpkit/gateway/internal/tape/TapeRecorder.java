package dev.mcpkit.gateway.internal.tape;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.gateway.tape.TapeStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Records the gateway's client sessions on tapes: request threads hand each message to a bounded
 * queue ({@link BlockingQueue#offer}: never waits; a full queue drops the message and counts it),
 * one writer thread ({@link TapeWriter}) writes the files. A session is recorded from the answer to
 * its {@code initialize} ({@link #start}) to its end ({@link #sessionClosed}).
 *
 * <p>Thread-safe: the live tapes are a concurrent map, the queues are concurrent, the counters are
 * adders.
 */
public final class TapeRecorder implements AutoCloseable {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** How long {@link #close()} waits for the writer to finish what is queued. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** A tape to end, and why. */
  record Ending(TapeHandle tape, Instant at, String reason) {}

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
  private final BlockingQueue<TapeLine> lines;
  private final Queue<Ending> endings = new ConcurrentLinkedQueue<>();
  private final Thread writer;
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
    this.lines = new ArrayBlockingQueue<>(settings.queueCapacity());
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
            .unstarted(() -> work.run(lines, endings, () -> stopping));
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
   * Starts the tape of a new client session.
   *
   * @param sessionId the session's id (only its hash is written)
   * @return the tape
   */
  public TapeHandle start(String sessionId) {
    Instant started = clock.instant();
    String name = hash(sessionId);
    TapeHandle tape =
        new TapeHandle(
            name,
            started,
            settings.directory().resolve(FILE_TIME.format(started) + "-" + name + ".jsonl"));
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
   * @param headers a few redacted HTTP headers, or {@code null}
   */
  public void record(
      TapeHandle tape,
      Instant at,
      Direction direction,
      @Nullable String upstream,
      @Nullable String call,
      @Nullable JsonRpcMessage message,
      @Nullable JsonNode headers) {
    if (!lines.offer(new TapeLine(tape, at, direction, upstream, call, message, headers))) {
      counters.dropped.increment();
      tape.dropped.incrementAndGet();
    }
  }

  /** Ends the tape of a session that closed; a no-op for one not recorded. */
  public void sessionClosed(String sessionId) {
    TapeHandle tape = live.remove(sessionId);
    if (tape != null) {
      endings.add(new Ending(tape, clock.instant(), "closed"));
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
        endings.add(new Ending(tape, now, "stopped"));
      }
    }
    stopping = true;
    if (writer.isAlive()) {
      try {
        writer.join(CLOSE_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The first 12 hex digits of the SHA-256 of a session id: names a tape, reveals nothing. */
  static String hash(String sessionId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
