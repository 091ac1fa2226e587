package dev.mcpkit.transport.jetty.internal.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The client's current session and whether the client is closed.
 *
 * <p>Thread-safety: thread-safe. The session is one immutable {@link ClientSession} in an {@link
 * AtomicReference}, replaced as a whole (by {@link SessionInitializer} under its lock, or taken by
 * close); readers see either the old or the new session, never a mix. The closed flag is set once
 * with a CAS, so closing twice is a no-op.
 */
final class CurrentSession {
  private final AtomicReference<@Nullable ClientSession> session = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The current session, or {@code null} before the first initialization and after close. */
  @Nullable ClientSession get() {
    return session.get();
  }

  /** The current session of an open client, or {@code null}; never blocks. */
  @Nullable ClientSession ifOpen() {
    return closed.get() ? null : session.get();
  }

  void set(ClientSession established) {
    session.set(established);
  }

  /** Drops {@code stale} if it is still the current session; {@return whether it was} */
  boolean clear(ClientSession stale) {
    return session.compareAndSet(stale, null);
  }

  /** Whether {@code via} is still the current session of an open client. */
  boolean isLive(ClientSession via) {
    return !closed.get() && session.get() == via;
  }

  void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the client is CLOSED");
    }
  }

  /** Marks the client closed; {@return whether this call closed it (the first one)} */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  /** Takes the current session away (the client is closing). */
  @Nullable ClientSession take() {
    return session.getAndSet(null);
  }
}
