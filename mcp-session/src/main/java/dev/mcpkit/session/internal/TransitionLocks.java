package dev.mcpkit.session.internal;

/**
 * The locks that serialize sessions' state transitions and store writes ({@link ManagedSession}'s
 * critical sections): a fixed, JVM-wide array of {@link AutoLock}s (each a {@code ReentrantLock}),
 * the session's spread id hash picking one. A lock per session cost 48 bytes per session (the lock
 * and its synchronizer), idle or not, for sections that run a few times in a session's life; a
 * stripe costs nothing per session.
 *
 * <p><b>Why sharing a lock is safe.</b> A stripe lock guards nothing of its own: each session's
 * fields are guarded by "the lock of its stripe", so two sessions on one stripe merely exclude each
 * other, which changes no outcome, only who waits. Sharing adds two hazards, both argued away here:
 *
 * <ul>
 *   <li><b>Deadlock.</b> It needs a thread holding one stripe and waiting for another. Nothing
 *       under a transition lock takes another session's transition lock: the sections call the
 *       table (its stripes' {@code StampedLock}s, never a session's lock, and the table never calls
 *       back into a session's locked methods), the store ({@code save}, {@code delete}) and nothing
 *       else; listeners run after the lock is released. The one nesting that can happen is a store
 *       that calls a manager's {@code Watcher} from inside {@code delete} (a shared store told by
 *       one node that a session ended closes the other nodes' copies): that close is of the same
 *       session id, which hashes to the same stripe, and the lock is reentrant. That is also why
 *       the array is JVM-wide rather than per manager: with one array per manager, two managers in
 *       one JVM (nodes sharing a store in a test, or a gateway) could form a cycle: node 1 closing
 *       A holds its stripe {@code i} and closes node 2's copy of A (node 2's stripe {@code i}),
 *       while node 2 closing B, also on stripe {@code i}, holds that and closes node 1's copy of B.
 *       With one array, both are the same lock. A store that called a watcher for a different
 *       session from inside a write would break this; the {@code SessionStore} contract asks
 *       watchers to be called off the store's I/O threads, and the Redis store calls them from a
 *       dispatcher thread of its own (the in-memory store has no watchers).
 *   <li><b>Waiting behind a stranger.</b> A store may block under the lock (a write-through to
 *       Redis); a session on the same stripe waits meanwhile. The lock is a {@code ReentrantLock},
 *       not a monitor, so a waiting virtual thread parks without pinning its carrier (JDK 21), and
 *       with {@link #STRIPES} stripes and transitions a few per session's life, two sessions
 *       meeting on a stripe at the same moment is rare; when the store is slow, it is slow for
 *       every session anyway.
 * </ul>
 *
 * <p>Thread-safe: the array is final and filled before publication.
 */
final class TransitionLocks {
  /**
   * The number of stripes, a power of two: 256 per core, at least 1,024, at most 16,384 (64 bytes
   * each with the {@code AutoLock} wrapper: 64 KiB to 1 MiB for the JVM, against 48 bytes per
   * session before).
   */
  static final int STRIPES =
      Integer.highestOneBit(
          Math.clamp(256L * Runtime.getRuntime().availableProcessors(), 1024, 16_384));

  private static final AutoLock[] LOCKS = new AutoLock[STRIPES];

  static {
    for (int i = 0; i < STRIPES; i++) {
      LOCKS[i] = new AutoLock();
    }
  }

  private TransitionLocks() {}

  /**
   * The lock of the sessions whose spread id hash is {@code hash}.
   *
   * @param hash a spread hash ({@link StripedSessionTable#spread}); its high bits pick the stripe,
   *     since the table's stripes and slots use its low bits
   */
  static AutoLock of(int hash) {
    return LOCKS[(hash >>> 16) & (STRIPES - 1)];
  }
}
