package dev.mcpkit.gateway.internal.tape;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * One tape being recorded: a client session's id, its start, and the counters request threads
 * touch. Kept small, since one lives as long as its session, idle or not: the tape's name (a hash)
 * and file are worked out by the writer thread when it first writes, never at the session's
 * initialize; the counters are plain fields updated through var handles, not {@code AtomicLong}s.
 * What only the writer thread touches (bytes written, why it ended) is in {@link TapeWriter}.
 *
 * <p>Thread-safe: the id, start and directory are final; the counters are atomic; {@link #ended}
 * belongs to the writer thread; the memoized name is an immutable string, racily published.
 */
public final class TapeHandle {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final VarHandle DROPPED;
  private static final VarHandle IDS;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      DROPPED = lookup.findVarHandle(TapeHandle.class, "dropped", long.class);
      IDS = lookup.findVarHandle(TapeHandle.class, "ids", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String sessionId;
  private final Instant started;
  private final Path directory;

  /** Messages dropped because the writer's queue was full; atomic through {@link #DROPPED}. */
  @SuppressWarnings("UnusedVariable") // through DROPPED
  private volatile long dropped;

  /** The last id given to an upstream call or request; atomic through {@link #IDS}. */
  @SuppressWarnings("UnusedVariable") // through IDS
  private volatile long ids;

  // The writer thread's state of the tape, here rather than in a map of the writer's so that an
  // idle tape costs no entry there; read and written by the writer thread only.

  /** Whether the header was written (and the tape counted). */
  boolean begun;

  /** Whether the writer ended the tape (its session closed, or the gateway stopped). */
  boolean ended;

  /** Why the tape takes no more lines (a bound, its end, an I/O error), or {@code null}. */
  @Nullable String stopped;

  /** Bytes written to the tape's file. */
  long bytes;

  /** The hash naming the tape, worked out once, on the writer thread (benign race: a String). */
  private @Nullable String name;

  TapeHandle(String sessionId, Instant started, Path directory) {
    this.sessionId = sessionId;
    this.started = started;
    this.directory = directory;
  }

  /** The hash of the session id that names the tape (never the id itself). */
  String name() {
    String known = name;
    if (known == null) {
      known = hash(sessionId);
      name = known;
    }
    return known;
  }

  Instant started() {
    return started;
  }

  /** The tape's file (computed: it is asked for once per file opening, and by tests). */
  public Path file() {
    // name() is memoized racily: a String is safe to publish so, and every thread computes the
    // same.
    return directory.resolve(FILE_TIME.format(started) + "-" + name() + ".jsonl");
  }

  /** Counts a message dropped because the queue was full. */
  void dropped() {
    DROPPED.getAndAdd(this, 1L);
  }

  /** Messages dropped so far. */
  long droppedCount() {
    return dropped;
  }

  /** A new id of this tape for an upstream call ({@code u1}, ...) or request ({@code s1}, ...). */
  String nextId(String prefix) {
    return prefix + ((long) IDS.getAndAdd(this, 1L) + 1);
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
