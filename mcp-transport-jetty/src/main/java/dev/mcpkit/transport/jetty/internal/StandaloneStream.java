package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StreamId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's standalone SSE stream, opened by GET: server-initiated messages that belong to no
 * request travel here. At most one connection at a time: a second plain GET is refused while one is
 * connected, but a GET with a {@code Last-Event-ID} of this stream takes over (the client lost the
 * old connection, even if the server has not noticed yet). Once opened, messages are appended to
 * the {@link EventStore} under {@link StreamId#STANDALONE} even while no connection is there, so a
 * resumption finds them; before the first GET, there is no stream and messages are dropped.
 *
 * <p>Thread-safe: appends and writes run under one {@link StreamLock}, and so do a resumption's
 * replay, so nothing is delivered twice or lost between replay and live writes, and the {@link
 * KeepAlive}'s writes (which only try it).
 */
@SuppressWarnings("try") // try (StreamLock ignored = lock.lock()): the lock is the resource
final class StandaloneStream implements KeepAlive.Stream {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneStream.class);

  private final SessionStreams owner;
  private final StreamLock lock = new StreamLock();
  // Written under the lock; read without it by the sweep, which only needs a hint.
  private volatile boolean opened;
  private @Nullable SseConnection connection; // guarded by lock

  StandaloneStream(SessionStreams owner) {
    this.owner = requireNonNull(owner, "owner");
  }

  /**
   * Opens the stream on a fresh GET (no {@code Last-Event-ID}); for 2025-11-25 sessions it starts
   * with a priming event.
   *
   * @return {@code false} if another connection is open (the transport answers 409)
   */
  boolean open(SseConnection next) {
    try (StreamLock ignored = lock.lock()) {
      SseConnection current = connection;
      if (current != null && !current.isEnded()) {
        return false;
      }
      opened = true;
      connection = next;
      try {
        if (owner.primes()) {
          EventId id = owner.events().append(owner.session().id(), StreamId.STANDALONE, "");
          next.write(SseWriter.priming(id, owner.retryMillis()), false);
        } else {
          next.write(
              ByteBuffer.allocate(0), false); // commit the headers: the client waits for them
        }
      } catch (IOException e) {
        detach(next, e);
      }
      return true;
    }
  }

  /**
   * Resumes the stream on a GET with a {@code Last-Event-ID} of this stream: replays what followed
   * it, then stays connected; an older connection is ended.
   *
   * @return {@code false} (nothing written) if the store cannot resume from that id
   */
  boolean resume(SseConnection next, EventId lastEventId) {
    try (StreamLock ignored = lock.lock()) {
      try {
        int replayed = owner.replayAfter(lastEventId, next);
        if (replayed == EventStore.NOT_REPLAYABLE) {
          return false;
        }
        SseConnection previous = connection;
        if (previous != null && previous != next) {
          previous.end();
        }
        opened = true;
        connection = next;
        if (replayed == 0) {
          next.write(ByteBuffer.allocate(0), false);
        }
        return true;
      } catch (IOException | UncheckedIOException e) {
        next.abandon();
        return true;
      }
    }
  }

  /**
   * Sends a server-initiated message.
   *
   * @return {@code true} if it was written to an open connection
   */
  boolean send(byte[] json) {
    try (StreamLock ignored = lock.lock()) {
      if (!opened) {
        return false;
      }
      EventId id =
          owner
              .events()
              .append(
                  owner.session().id(),
                  StreamId.STANDALONE,
                  new String(json, StandardCharsets.UTF_8));
      SseConnection current = connection;
      if (current == null || current.isEnded()) {
        return false; // kept for a resumption
      }
      try {
        current.write(SseWriter.message(id, json), false);
        return true;
      } catch (IOException e) {
        detach(current, e);
        return false;
      }
    }
  }

  /** Tells whether a GET ever opened this stream (a hint, read without the lock). */
  boolean isOpened() {
    return opened;
  }

  /** Ends the connection, if any (session closed, server stopping). */
  void end() {
    try (StreamLock ignored = lock.lock()) {
      SseConnection current = connection;
      if (current != null) {
        current.end();
        connection = null;
      }
    }
  }

  @Override
  public StreamLock lock() {
    return lock;
  }

  @Override
  public @Nullable SseConnection connection() {
    return connection; // guarded by lock: the keep-alive calls this holding it
  }

  @Override
  public void detach(SseConnection current, IOException e) {
    LOG.debug("standalone SSE connection of session {} broke", owner.session().id(), e);
    current.abandon();
    connection = null;
  }
}
