package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads newline-terminated lines of bytes with a bound: a line longer than the bound is skipped to
 * its end and reported as {@link Line#oversize()} with its first bytes (up to the bound), never
 * buffered whole, so a peer cannot make the reader hold more than the bound. A trailing {@code \r}
 * is dropped; empty lines are skipped.
 *
 * <p>Not thread-safe: one thread reads.
 */
public final class LineReader {
  private static final int CHUNK = 8192;

  private final InputStream in;
  private final int maxBytes;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkStart;
  private int chunkEnd;
  private byte[] line = new byte[256];

  /**
   * A line read.
   *
   * @param bytes the buffer holding it (valid until the next read); when oversize, its first bytes
   *     only (as much as the bound holds), for {@link MessagePrefix}
   * @param length its length in bytes (when oversize, of the first bytes held)
   * @param oversize whether it exceeded the bound and was skipped
   */
  public record Line(byte[] bytes, int length, boolean oversize) {}

  /**
   * Creates a reader.
   *
   * @param in the stream, read through this reader only
   * @param maxBytes the longest line accepted, at least 1
   */
  public LineReader(InputStream in, int maxBytes) {
    this.in = requireNonNull(in, "in");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be >= 1: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /**
   * Reads the next non-empty line.
   *
   * @return the line, or {@code null} at the end of the stream (a last line without newline is
   *     returned first)
   * @throws IOException if reading fails
   */
  public @Nullable Line next() throws IOException {
    while (true) {
      int length = 0;
      boolean oversize = false;
      boolean sawAny = false;
      while (true) {
        if (chunkStart == chunkEnd) {
          int read = in.read(chunk, 0, CHUNK);
          if (read < 0) {
            if (!sawAny) {
              return null;
            }
            break; // a last line without a newline
          }
          chunkStart = 0;
          chunkEnd = read;
          continue;
        }
        sawAny = true;
        int newline = indexOf(chunk, chunkStart, chunkEnd);
        int end = newline < 0 ? chunkEnd : newline;
        int count = end - chunkStart;
        if (!oversize) {
          int room = maxBytes + 1 - length; // +1: room for a '\r' before the newline
          int kept = Math.min(count, room);
          ensureCapacity(length + kept);
          System.arraycopy(chunk, chunkStart, line, length, kept);
          length += kept;
          oversize = count > room;
        }
        chunkStart = newline < 0 ? chunkEnd : newline + 1;
        if (newline >= 0) {
          break;
        }
      }
      if (!oversize && length > 0 && line[length - 1] == '\r') {
        length--;
      }
      if (!oversize && length > maxBytes) {
        oversize = true;
      }
      if (oversize) {
        return new Line(line, Math.min(length, maxBytes), true);
      }
      if (length > 0) {
        return new Line(line, length, false);
      }
      // An empty line: read on (at the end of the stream the outer loop returns null).
    }
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      line = Arrays.copyOf(line, Math.max(needed, Math.min(maxBytes + 1, line.length * 2)));
    }
  }

  private static int indexOf(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
