package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StreamId;
import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.thread.AutoLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSE streams of every session this server serves, the engine's {@link SessionOutbound} (so
 * server-initiated messages reach each session's GET stream), and the sweep that keeps idle
 * connections alive and forgets the streams and stored events of sessions that closed (by DELETE,
 * expiry, eviction or shutdown: the sweep sees every way a session ends, since it asks the
 * session).
 *
 * <p>Thread-safe. The sweep runs on one daemon thread of its own, created in {@link #start()}; the
 * keep-alive writes it decides on run on virtual threads.
 */
@SuppressWarnings("try") // try (AutoLock ignored = lock.lock()): the lock is the resource
public final class StreamRegistry implements SessionOutbound, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamRegistry.class);

  /** Why a GET was not served. */
  enum Refusal {
    /** A standalone stream is already connected and the GET did not resume it: 409. */
    CONFLICT,
    /**
     * The session, or the client (its principal, or its remote address when anonymous), already
     * holds as many SSE streams as it may: 429.
     */
    TOO_MANY_STREAMS,
    /**
     * The {@code Last-Event-ID} is garbled, unknown, of another session or no longer replayable:
     * 400.
     */
    NOT_RESUMABLE
  }

  private final TransportEngine engine;
  private final JsonRpcCodec codec;
  private final EventStore events;
  private final long retryMillis;
  private final KeepAlive keepAlive;
  private final HttpServerObserver observer;
  private final StreamLimits limits;
  private final ConcurrentHashMap<SessionId, SessionStreams> sessions = new ConcurrentHashMap<>();

  /**
   * The SSE streams each client has open (GETs, and POST answers that turned into streams), by
   * {@link #clientKey}; entries at zero are removed, so the table holds only clients with streams.
   */
  private final ConcurrentHashMap<String, Integer> clientStreams = new ConcurrentHashMap<>();

  /**
   * Starts every POST stream id minted here: {@code p}, 40 random bits in base 36, a dot. Servers
   * sharing one event store (several nodes, or one node before and after a restart) would otherwise
   * mint the same {@code p1} for one session and mix their streams' events.
   */
  private final String streamPrefix =
      "p" + Long.toString(new java.security.SecureRandom().nextLong() >>> 24, 36) + ".";

  private final AutoLock lifecycle = new AutoLock();
  private @Nullable ScheduledExecutorService sweeper; // guarded by lifecycle

  /**
   * Creates the registry; it sweeps once {@link #start()}ed.
   *
   * @param engine resolves sessions
   * @param events keeps every SSE event for resumption
   * @param retry the {@code retry} sent with priming events
   * @param keepAlive how long a connection may stay silent before a keep-alive comment
   */
  public StreamRegistry(
      TransportEngine engine, EventStore events, Duration retry, Duration keepAlive) {
    this(engine, events, retry, keepAlive, HttpServerObserver.NONE, defaultLimits());
  }

  /** The limits {@code McpHttpServer} uses unless told otherwise. */
  static StreamLimits defaultLimits() {
    return new StreamLimits(1024 * 1024, 1_000, 8, 64);
  }

  /**
   * Creates the registry; it sweeps once {@link #start()}ed.
   *
   * @param engine resolves sessions
   * @param events keeps every SSE event for resumption
   * @param retry the {@code retry} sent with priming events
   * @param keepAlive how long a connection may stay silent before a keep-alive comment
   * @param observer told when GET streams open and close
   * @param limits bounds each connection's output queue and the streams of sessions and clients
   */
  public StreamRegistry(
      TransportEngine engine,
      EventStore events,
      Duration retry,
      Duration keepAlive,
      HttpServerObserver observer,
      StreamLimits limits) {
    this.observer = requireNonNull(observer, "observer");
    this.limits = requireNonNull(limits, "limits");
    this.engine = requireNonNull(engine, "engine");
    this.codec = engine.codec();
    this.events = requireNonNull(events, "events");
    this.retryMillis = requireNonNull(retry, "retry").toMillis();
    long keepAliveNanos = requireNonNull(keepAlive, "keepAlive").toNanos();
    if (retryMillis < 0 || keepAliveNanos <= 0) {
      throw new IllegalArgumentException(
          "retry must not be negative and keepAlive must be positive");
    }
    this.keepAlive = new KeepAlive(keepAliveNanos);
  }

  // The answers of sessionless requests (revision 2026-07-28) in progress: swept for keep-alive
  // comments (which is how a client that closed its stream is noticed, cancelling the request) and
  // told when the server stops (a subscriptions/listen stream then ends).
  private final java.util.Set<ResponseChannel> sessionless = ConcurrentHashMap.newKeySet();

  /** Tracks the answer of a sessionless request until {@link #untrack}. */
  void track(ResponseChannel channel) {
    sessionless.add(channel);
  }

  /** Stops tracking an answer; it is over. */
  void untrack(ResponseChannel channel) {
    sessionless.remove(channel);
  }

  /** Starts the sweep (keep-alive comments, cleanup of closed sessions); idempotent. */
  public void start() {
    try (AutoLock ignored = lifecycle.lock()) {
      if (sweeper == null) {
        sweeper =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("mcp-sse-sweep").factory());
        long period = keepAlive.periodNanos();
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * Stops the sweep and ends every GET connection, so that the server's stop does not wait on them.
   */
  @Override
  public void close() {
    try (AutoLock ignored = lifecycle.lock()) {
      if (sweeper != null) {
        sweeper.shutdownNow();
        sweeper = null;
      }
    }
    sessions.values().forEach(SessionStreams::endGetConnections);
    sessionless.forEach(ResponseChannel::serverStopping);
  }

  @Override
  public boolean send(Session session, JsonRpcMessage message) {
    requireNonNull(session, "session");
    requireNonNull(message, "message");
    SessionStreams streams = sessions.get(session.id());
    return streams != null && streams.standalone().send(codec.encode(message));
  }

  /** The streams of the session a request names, or {@code null} if it names no live session. */
  @Nullable SessionStreams streams(@Nullable String sessionId, @Nullable Principal principal) {
    Session session = engine.session(sessionId, principal);
    return session == null ? null : streamsOf(session);
  }

  /**
   * The limits and their counters.
   *
   * @return the limits this registry enforces
   */
  public StreamLimits limits() {
    return limits;
  }

  /**
   * Who a request counts against for {@link StreamLimits#maxStreamsPerClient()}: its principal's
   * name when authenticated, else its remote address (without port: one host's connections count
   * together).
   */
  static String clientKey(Request request, @Nullable Principal principal) {
    if (principal != null) {
      return "principal:" + principal.getName();
    }
    return "address:" + Request.getRemoteAddr(request);
  }

  /**
   * Counts a stream opened by a client, unless it holds {@link StreamLimits#maxStreamsPerClient()}
   * already (with {@code enforce}).
   *
   * @return {@code false} if refused (nothing was counted)
   */
  boolean openClientStream(String client, boolean enforce) {
    boolean[] opened = {false};
    clientStreams.compute(
        client,
        (key, count) -> {
          int now = count == null ? 0 : count;
          if (enforce && now >= limits.maxStreamsPerClient()) {
            return count;
          }
          opened[0] = true;
          return now + 1;
        });
    if (!opened[0]) {
      limits.refused();
    }
    return opened[0];
  }

  /** A stream counted by {@link #openClientStream} ended. */
  void closeClientStream(String client) {
    clientStreams.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
  }

  /**
   * Tells whether a client holds as many streams as it may, so that a POST that could open another
   * is refused (429) before it runs.
   */
  boolean clientAtLimit(Request request, @Nullable Principal principal) {
    // While no client holds a stream (the usual case), no key is made: it formats the address.
    return !clientStreams.isEmpty() && clientAtLimit(clientKey(request, principal));
  }

  /**
   * Tells whether the client already holds {@link StreamLimits#maxStreamsPerClient()} streams (and
   * counts the refusal if so).
   */
  private boolean clientAtLimit(String client) {
    Integer count = clientStreams.get(client);
    if (count != null && count >= limits.maxStreamsPerClient()) {
      limits.refused();
      return true;
    }
    return false;
  }

  private SessionStreams streamsOf(Session session) {
    return sessions.computeIfAbsent(
        session.id(), id -> new SessionStreams(session, events, retryMillis, streamPrefix, limits));
  }

  /**
   * Serves a GET on a live session: the standalone stream, or (with {@code Last-Event-ID}) the
   * resumption of the stream the id names, replaying only that stream's events after it and then
   * continuing live. Blocks until the connection ends.
   *
   * @return {@code null} once served, or why the GET was refused (nothing was written then)
   */
  @Nullable Refusal serveGet(
      Session session,
      @Nullable String lastEventId,
      Response response,
      String client,
      Consumer<Throwable> abort) {
    SessionStreams streams = streamsOf(session);
    if (!streams.openGet(limits.maxStreamsPerSession())) {
      limits.refused();
      return Refusal.TOO_MANY_STREAMS;
    }
    try {
      if (!openClientStream(client, true)) {
        return Refusal.TOO_MANY_STREAMS;
      }
      try {
        return serveGet(streams, lastEventId, new SseConnection(response, limits, abort));
      } finally {
        closeClientStream(client);
      }
    } finally {
      streams.closeGet();
    }
  }

  private @Nullable Refusal serveGet(
      SessionStreams streams, @Nullable String lastEventId, SseConnection connection) {
    if (lastEventId == null) {
      if (!streams.standalone().open(connection)) {
        return Refusal.CONFLICT;
      }
    } else {
      Optional<EventId> parsed = EventId.parse(lastEventId.strip());
      if (parsed.isEmpty() || !resume(streams, parsed.get(), connection)) {
        return Refusal.NOT_RESUMABLE;
      }
    }
    observer.sseStreamOpened();
    try {
      connection.awaitEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the server is stopping this thread; let it see why
      connection.abandon();
    } finally {
      observer.sseStreamClosed();
    }
    return null;
  }

  private boolean resume(SessionStreams streams, EventId last, SseConnection connection) {
    StreamId stream = last.stream();
    if (stream.equals(StreamId.STANDALONE)) {
      return streams.standalone().resume(connection, last);
    }
    ResponseChannel live = streams.post(stream);
    if (live != null) {
      return live.resume(connection, last);
    }
    // Not running here (finished and delivered, or from before a restart with a shared store):
    // replay what the store still holds for that stream, then end.
    try {
      int replayed =
          events.replayAfter(
              streams.session().id(),
              last,
              event -> {
                try {
                  connection.write(SseWriter.replayed(event.id(), event.data()), false, true);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      if (replayed == EventStore.NOT_REPLAYABLE) {
        return false;
      }
      connection.end();
    } catch (UncheckedIOException e) {
      connection.abandon();
    }
    return true;
  }

  /**
   * A session ended (DELETE): its GET connections end and its streams and events are forgotten.
   * What may block (ending a connection writes to it; the event store may do I/O) runs on {@code
   * blockingWork}: the caller's own thread ({@code Runnable::run}) where it may block, request
   * threads from an I/O thread. A stream that registers after the entry is gone belongs to a closed
   * session, which the sweep ends.
   */
  void closeSession(SessionId id, Executor blockingWork) {
    SessionStreams streams = sessions.remove(id);
    if (streams != null) {
      blockingWork.execute(streams::endGetConnections);
    }
    if (!events.invocationType().isNonBlocking()) {
      blockingWork.execute(() -> events.dropSession(id));
    } else {
      events.dropSession(id);
    }
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      sessions.forEach(
          (id, streams) -> {
            if (streams.session().state() == SessionState.CLOSED) {
              // A shutdown or eviction ends this server's copy only (the session may live on in a
              // shared store, served by another node or by this one after a restart): its events
              // stay.
              boolean local =
                  streams
                      .session()
                      .closeReason()
                      .map(r -> r == CloseReason.SERVER_SHUTDOWN || r == CloseReason.EVICTED)
                      .orElse(false);
              if (local) {
                SessionStreams gone = sessions.remove(id);
                if (gone != null) {
                  gone.endGetConnections();
                }
              } else {
                closeSession(id, Runnable::run);
              }
            } else if (streams.hasConnections()) {
              // One thread per session: one stuck connection delays no other session.
              keepAlive.inBackground(() -> streams.keepAlive(keepAlive, now));
            }
          });
      for (ResponseChannel channel : sessionless) {
        keepAlive.inBackground(() -> keepAlive.ping(channel, now));
      }
    } catch (RuntimeException e) {
      LOG.debug("SSE sweep failed; the next one retries", e); // never let the schedule die
    }
  }
}
