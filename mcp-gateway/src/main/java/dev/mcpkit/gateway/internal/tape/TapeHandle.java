package dev.mcpkit.gateway.internal.tape;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tape being recorded: a client session's file, its start, and the counters request threads
 * touch. What only the writer thread touches (bytes written, why it ended) is in {@link
 * TapeWriter}. Thread-safe.
 */
public final class TapeHandle {
  private final String name;
  private final Instant started;
  private final Path file;

  /** Messages of this tape dropped because the writer's queue was full. */
  final AtomicLong dropped = new AtomicLong();

  /** Whether the writer ended the tape; read and written by the writer thread only. */
  boolean ended;

  /** The tape's own ids of upstream calls and of upstream requests to the client. */
  private final AtomicLong ids = new AtomicLong();

  TapeHandle(String name, Instant started, Path file) {
    this.name = name;
    this.started = started;
    this.file = file;
  }

  /** The hash of the session id that names the tape (never the id itself). */
  String name() {
    return name;
  }

  Instant started() {
    return started;
  }

  /** The tape's file. */
  public Path file() {
    return file;
  }

  /** A new id of this tape for an upstream call ({@code u1}, ...) or request ({@code s1}, ...). */
  String nextId(String prefix) {
    return prefix + ids.incrementAndGet();
  }
}
