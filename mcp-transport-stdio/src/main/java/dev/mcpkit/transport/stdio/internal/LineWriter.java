package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes JSON-RPC messages, one per line, to a stream shared by many threads: each line is written
 * and flushed whole under a lock ({@link ReentrantLock}, not {@code synchronized}: writes block on
 * a full pipe, and writers run on virtual threads). Once a write failed, the writer is broken and
 * every later write reports failure at once.
 *
 * <p>Thread-safe.
 */
public final class LineWriter {
  private final OutputStream out;
  private final JsonRpcCodec codec;
  private final ReentrantLock lock = new ReentrantLock();

  /** Set once a write failed; read without the lock to fail fast. */
  private volatile boolean broken;

  /**
   * Creates a writer.
   *
   * @param out the stream, written through this writer only
   * @param codec encodes the messages
   */
  public LineWriter(OutputStream out, JsonRpcCodec codec) {
    this.out = requireNonNull(out, "out");
    this.codec = requireNonNull(codec, "codec");
  }

  /**
   * Writes one message as a line.
   *
   * @param message the message
   * @throws IOException if the stream failed (now or before)
   */
  public void write(JsonRpcMessage message) throws IOException {
    writeLine(codec.encode(message));
  }

  /**
   * Writes messages as one line holding a JSON array (the answer to a batch).
   *
   * @param messages the messages
   * @throws IOException if the stream failed (now or before)
   */
  public void writeBatch(List<JsonRpcMessage> messages) throws IOException {
    writeLine(codec.encodeBatch(messages));
  }

  private void writeLine(byte[] json) throws IOException {
    for (byte b : json) {
      // Compact JSON escapes newlines inside strings; a raw one would split the message in two.
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("a message must not contain a raw line break");
      }
    }
    if (broken) {
      throw new IOException("the output is closed");
    }
    lock.lock();
    try {
      out.write(json);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      broken = true;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Tells whether a write failed.
   *
   * @return {@code true} once the stream failed
   */
  public boolean isBroken() {
    return broken;
  }

  /** Closes the stream (after any write in progress); idempotent, never throws. */
  public void close() {
    lock.lock();
    try {
      broken = true;
      out.close();
    } catch (IOException e) {
      // Nothing left to tell: the peer is gone either way.
    } finally {
      lock.unlock();
    }
  }
}
