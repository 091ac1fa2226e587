package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StreamId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The SSE streams of one session: its standalone (GET) stream and the POST streams that may still
 * be resumed (running, or finished while no connection was there to take the response). Stream ids
 * are minted here from the server's random tag and a per-session counter ({@code pK3X9QZ.1}, ...),
 * never from client values, and never reused, even by other servers sharing the event store or by
 * this server after a restart; the standalone stream is {@link StreamId#STANDALONE}.
 *
 * <p>Thread-safe: the counter is atomic and the table concurrent; each stream guards itself.
 */
final class SessionStreams {
  private final Session session;
  private final EventStore events;
  private final long retryMillis;
  private final AtomicLong streamCounter = new AtomicLong();

  /** This server's tag in its stream ids: servers sharing an event store never mint the same id. */
  private final String streamPrefix;

  private final ConcurrentHashMap<StreamId, ResponseChannel> posts = new ConcurrentHashMap<>();
  private final StandaloneStream standalone;
  private final StreamLimits limits;
  private final AtomicInteger gets = new AtomicInteger(); // GETs being served

  SessionStreams(
      Session session,
      EventStore events,
      long retryMillis,
      String streamPrefix,
      StreamLimits limits) {
    this.streamPrefix = requireNonNull(streamPrefix, "streamPrefix");
    this.limits = requireNonNull(limits, "limits");
    this.session = requireNonNull(session, "session");
    this.events = requireNonNull(events, "events");
    this.retryMillis = retryMillis;
    this.standalone = new StandaloneStream(this);
  }

  Session session() {
    return session;
  }

  EventStore events() {
    return events;
  }

  /**
   * Writes this session's events that followed {@code lastEventId} to {@code next}, paced as a
   * replay (it waits while the connection's queue is half full). The one replay of both kinds of
   * stream ({@link ResponseChannel#resume}, {@link StandaloneStream#resume}); called with the
   * stream's lock held.
   *
   * @return how many events were written, or {@link EventStore#NOT_REPLAYABLE}
   */
  int replayAfter(EventId lastEventId, SseConnection next) {
    return events.replayAfter(
        session.id(),
        lastEventId,
        event -> {
          try {
            next.write(SseWriter.replayed(event.id(), event.data()), false, true);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  long retryMillis() {
    return retryMillis;
  }

  StandaloneStream standalone() {
    return standalone;
  }

  StreamLimits limits() {
    return limits;
  }

  /**
   * Counts a GET served on this session (its standalone stream or a resumption), unless it already
   * has {@code max}; a CAS loop, so the count never passes the limit even under a burst of GETs.
   *
   * @return {@code false} if refused (nothing was counted)
   */
  boolean openGet(int max) {
    int now;
    do {
      now = gets.get();
      if (now >= max) {
        return false;
      }
    } while (!gets.compareAndSet(now, now + 1));
    return true;
  }

  /** A GET counted by {@link #openGet} ended. */
  void closeGet() {
    gets.decrementAndGet();
  }

  /**
   * Tells whether streams of this session start with a priming event and a {@code retry}: from the
   * session's negotiated version (2025-11-25 and later), not from a request's header, which some
   * clients send with an older supported version.
   */
  boolean primes() {
    return session.protocolVersion().compareTo(ProtocolVersion.V2025_11_25) >= 0;
  }

  /** Gives a POST stream its id and makes it resumable. */
  StreamId register(ResponseChannel channel) {
    StreamId id = StreamId.of(streamPrefix + streamCounter.incrementAndGet());
    posts.put(id, channel);
    return id;
  }

  /** The POST stream of that id that can still be resumed here, if any. */
  @Nullable ResponseChannel post(StreamId id) {
    return posts.get(id);
  }

  /** A POST stream delivered its response: it is no longer resumable and its events go. */
  void completed(StreamId id, ResponseChannel channel) {
    if (posts.remove(id, channel)) {
      events.dropStream(session.id(), id);
    }
  }

  /** Tells whether any stream of the session may have a connection to keep alive. */
  boolean hasConnections() {
    return standalone.isOpened() || !posts.isEmpty();
  }

  /** Writes keep-alive comments on the connections that idled; see {@link KeepAlive#ping}. */
  void keepAlive(KeepAlive keepAlive, long nowNanos) {
    keepAlive.ping(standalone, nowNanos);
    posts.values().forEach(channel -> keepAlive.ping(channel, nowNanos));
  }

  /** Ends every GET connection of the session (the standalone one and resumed ones). */
  void endGetConnections() {
    standalone.end();
    posts.values().forEach(ResponseChannel::endResumed);
  }
}
