package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.gateway.GatewayObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The upstream sessions of sessionless (2026-07-28) clients. Such a client has no session at the
 * gateway to hang upstream sessions on, so they are kept here, keyed by {@link Key}: the principal,
 * the upstream, and the client capabilities the request's {@code _meta} declares (an upstream
 * session declares exactly those, so that the upstream asks only for what the client can answer).
 *
 * <p>A request leases one session per upstream it needs and gives it back when it ends; while
 * leased, a session serves that request alone, so whatever the upstream sends during the request
 * (sampling, elicitation, roots, log messages) belongs to it without doubt. Sessions given back
 * wait for the next request with the same key, newest first. The pool is bounded: at most {@code
 * maxIdle} sessions wait (one given back beyond that is closed at once), and a session idle longer
 * than {@code idleTimeout} is closed by a sweep every half of it. Closing a session is the upstream
 * {@code DELETE}.
 *
 * <p>Thread-safe: the waiting sessions are concurrent deques in a concurrent map, counted by an
 * atomic counter; the sweep runs on one scheduler thread.
 */
final class SessionlessUpstreams implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionlessUpstreams.class);

  /** Which client an upstream session can serve. */
  record Key(@Nullable String principal, String upstream, String capabilities) {
    static Key of(@Nullable String principal, Upstream upstream, JsonNode capabilities) {
      return new Key(principal, upstream.name(), Canonical.json(capabilities));
    }
  }

  private record Idle(Connection connection, long since) {}

  private final Map<Key, Deque<Idle>> idle = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final int maxIdle;
  private final long idleNanos;
  private final GatewayObserver observer;
  private final LongSupplier clock;
  private final ScheduledExecutorService sweeper;
  private final Consumer<JsonRpcNotification> unrouted;
  private volatile boolean closed;

  /**
   * @param maxIdle how many sessions may wait for a request, at most
   * @param idleTimeout how long one may wait before it is closed
   * @param observer told of sessions opened and closed
   */
  SessionlessUpstreams(
      int maxIdle,
      Duration idleTimeout,
      GatewayObserver observer,
      Consumer<JsonRpcNotification> unrouted) {
    this(maxIdle, idleTimeout, observer, unrouted, System::nanoTime);
  }

  /**
   * @param unrouted where an upstream's notifications that belong to no request go (list changes)
   * @param clock nanoseconds, for the idle times
   */
  SessionlessUpstreams(
      int maxIdle,
      Duration idleTimeout,
      GatewayObserver observer,
      Consumer<JsonRpcNotification> unrouted,
      LongSupplier clock) {
    this.unrouted = requireNonNull(unrouted, "unrouted");
    if (maxIdle < 0) {
      throw new IllegalArgumentException("maxIdle must not be negative, got " + maxIdle);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
    }
    this.maxIdle = maxIdle;
    this.idleNanos = idleTimeout.toNanos();
    this.observer = requireNonNull(observer, "observer");
    this.clock = requireNonNull(clock, "clock");
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("gateway-sessionless-sweep").factory());
    long period = Math.max(1, idleNanos / 2);
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
  }

  /**
   * A session for a request: one that waited under the same key, or a new one, initialized.
   *
   * @throws RuntimeException when the upstream cannot be reached or refuses the handshake
   */
  Connection lease(Key key, Upstream upstream, JsonNode capabilities) {
    Deque<Idle> queue = idle.get(key);
    if (queue != null) {
      Idle found;
      while ((found = queue.pollFirst()) != null) {
        waiting.decrementAndGet();
        if (clock.getAsLong() - found.since() < idleNanos) {
          return found.connection();
        }
        close(found.connection());
      }
    }
    Connection created = new Connection(upstream, capabilities, unrouted);
    try {
      created.open();
    } catch (RuntimeException e) {
      created.close();
      throw e;
    }
    observer.upstreamSessionOpened(upstream.name());
    return created;
  }

  /** Takes a session back after its request; closes it when the pool is full or closed. */
  void giveBack(Key key, Connection connection) {
    if (closed || waiting.incrementAndGet() > maxIdle) {
      waiting.decrementAndGet();
      close(connection);
      return;
    }
    idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>())
        .addFirst(new Idle(connection, clock.getAsLong()));
    if (closed) {
      sweep(); // close() may have swept before this session arrived
    }
  }

  /** How many sessions wait for a request. */
  int idleCount() {
    return waiting.get();
  }

  /** Closes the sessions idle too long (all of them once the pool is closed). */
  void sweep() {
    long now = clock.getAsLong();
    for (Deque<Idle> queue : idle.values()) {
      List<Idle> expired = new ArrayList<>();
      for (Idle entry : queue) {
        if (closed || now - entry.since() >= idleNanos) {
          expired.add(entry);
        }
      }
      for (Idle entry : expired) {
        if (queue.remove(entry)) {
          waiting.decrementAndGet();
          close(entry.connection());
        }
      }
    }
    idle.values().removeIf(Deque::isEmpty);
  }

  private void close(Connection connection) {
    try {
      connection.close();
    } catch (RuntimeException e) {
      LOG.debug(
          "closing a sessionless upstream session of {} failed", connection.upstream().name());
    } finally {
      observer.upstreamSessionClosed(connection.upstream().name());
    }
  }

  /** Closes every waiting session; sessions given back later are closed at once. */
  @Override
  public void close() {
    closed = true;
    sweeper.shutdownNow();
    sweep();
  }
}
