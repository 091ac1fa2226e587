package dev.mcpkit.session.internal;

import dev.mcpkit.api.SessionId;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.SecureRandom;

/**
 * Mints unguessable session ids: 128 bits from {@link SecureRandom} each ({@link
 * SessionId#ofRandomBits}), rendered as 22 characters of URL-safe Base64, all within the visible
 * ASCII range the MCP specification requires.
 *
 * <p><b>Buffered.</b> Asking {@code SecureRandom} for 16 bytes per id cost a call into the provider
 * (on Linux {@code NativePRNG}: a lock, a read of its {@code /dev/urandom} buffer and a SHA1PRNG
 * mix) and a fresh array per session. Instead each of a few buffers takes {@value #BUFFER_BYTES}
 * bytes from {@code SecureRandom} at a time and hands out 16 of them per id, each byte once, in
 * order, then is refilled. The ids are still exactly {@code SecureRandom} output: a buffer is no
 * more guessable than the generator's own internal state, which lives in the same heap.
 *
 * <p><b>Thread-safety.</b> The buffers are striped by the calling thread's id (a power-of-two count
 * from the number of cores), each guarded by its own {@link AutoLock} (never {@code synchronized}:
 * a refill may read {@code /dev/urandom}); a section reads two {@code long}s and moves a cursor, so
 * threads seldom wait. Not a {@code ThreadLocal}: virtual threads would multiply the buffers.
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
final class SessionIdGenerator {
  /** Bytes drawn from {@code SecureRandom} per refill: 64 ids. */
  static final int BUFFER_BYTES = 1024;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Buffer[] BUFFERS =
      newBuffers(
          Integer.highestOneBit(Math.clamp(Runtime.getRuntime().availableProcessors(), 1, 64)));

  private SessionIdGenerator() {}

  private static Buffer[] newBuffers(int count) {
    Buffer[] buffers = new Buffer[count];
    for (int i = 0; i < count; i++) {
      buffers[i] = new Buffer();
    }
    return buffers;
  }

  /** One stripe: bytes not handed out yet are {@code bytes[next..]}; guarded by {@code lock}. */
  private static final class Buffer {
    final AutoLock lock = new AutoLock();
    final byte[] bytes = new byte[BUFFER_BYTES];
    int next = BUFFER_BYTES;
  }

  /**
   * Returns a fresh id.
   *
   * @return the id
   */
  static SessionId next() {
    long threadId = Thread.currentThread().threadId();
    Buffer buffer = BUFFERS[(int) (threadId ^ (threadId >>> 16)) & (BUFFERS.length - 1)];
    long high;
    long low;
    try (AutoLock ignored = buffer.lock.lock()) {
      if (buffer.next == BUFFER_BYTES) {
        RANDOM.nextBytes(buffer.bytes);
        buffer.next = 0;
      }
      int at = buffer.next;
      high = (long) LONGS.get(buffer.bytes, at);
      low = (long) LONGS.get(buffer.bytes, at + 8);
      buffer.next = at + 16;
    }
    return SessionId.ofRandomBits(high, low);
  }
}
