package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session manager: a {@link StripedSessionTable} with per-stripe timing wheels, admission
 * control and graceful shutdown. With a {@link SessionStore}, the table is a near cache of the
 * store's records, kept coherent by a {@link StoreReplication} (write-through, rehydration,
 * removals elsewhere), to which this class delegates. Public only so that {@code
 * dev.mcpkit.session.SessionManagers} can construct it; the package is not exported.
 *
 * <p><b>Thread-safety.</b> Every method may be called concurrently.
 *
 * <ul>
 *   <li>{@link #lookup} and {@link #touch} take no lock (lock-free table read, then a deadline
 *       check against the clock; an expired session found there is closed on the spot and not
 *       returned).
 *   <li><b>Admission</b> takes, in this order and giving back what it took if a later step refuses:
 *       the client's count and token ({@link ClientAdmission}), under {@code REJECT_NEW} an
 *       established slot ({@link #established}), and a slot of the pending pool ({@link #pending});
 *       each counter is raised by CAS only while below its bound, so none ever exceeds it. The
 *       invariant, for every session in the table: it holds a pending slot exactly while it is
 *       {@code INITIALIZING}; it holds an established slot while {@code ACTIVE} or {@code
 *       DRAINING}, and under {@code REJECT_NEW} also while {@code INITIALIZING}; it holds its
 *       client count while in the table. Slots move only in {@link #afterTransition}, under the
 *       session's transition lock, right after the CAS that changed the state, so the move and the
 *       state change are one step for every other transition of that session; and a session leaves
 *       the table exactly once (the thread that wins the CAS to {@code CLOSED} removes it), which
 *       frees its slots exactly once. Under {@code EVICT_LONGEST_IDLE} activation takes its
 *       established slot (evicting if needed) before its transition and gives it back if the
 *       transition is lost ({@link ManagedSession#activate()}); a pending session moved to {@code
 *       DRAINING} by shutdown takes one unconditionally (no new session is admitted after shutdown
 *       begins).
 *   <li><b>Expiry</b> collects expired sessions under each stripe's lock and closes them after
 *       releasing it, through the state machine, so listeners run without a stripe lock held.
 *   <li><b>Shutdown vs. create</b>: {@code create} inserts (under a stripe lock) and then reads
 *       {@link #shuttingDown}; {@code shutdown} writes it and then visits every stripe (under its
 *       lock). If {@code create} read {@code false}, its insert happened before shutdown's visit,
 *       which therefore drains and closes the new session; otherwise {@code create} closes it
 *       itself and refuses. No session survives a shutdown.
 *   <li><b>Draining</b> waits on {@link #drained}; {@link ManagedSession#exit()} signals it
 *       whenever an in-flight count reaches zero while shutting down. A decrement that read {@code
 *       shuttingDown == false} happened before shutdown set the flag and is thus seen by its first
 *       count; later ones signal under {@link #drainLock}, which the waiter holds between counting
 *       and awaiting, so no wake-up is lost.
 * </ul>
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
public final class DefaultSessionManager implements SessionManager {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultSessionManager.class);

  /** Failed eviction attempts (no victim, or lost the close race) before a creator gives up. */
  private static final int MAX_EVICTION_ATTEMPTS = 1_000;

  private final SessionPolicy policy;
  private final ExpiryTiming timing;
  private final InstantSource clock;
  private final ListenerDispatcher listeners;
  private final StripedSessionTable table;

  /** The store's replication; {@code null} without a store. */
  private final @Nullable StoreReplication replication;

  /** One profile per distinct client (description, capabilities), shared by its sessions. */
  private final ClientProfiles profiles;

  private final @Nullable ExpiryScheduler scheduler;

  /**
   * Established slots held (see the class comment for who holds one) plus reservations in progress;
   * never above maxSessions, except briefly during shutdown.
   */
  private final AtomicInteger established = new AtomicInteger();

  /** Sessions pending their handshake plus reservations in progress; never above the pool. */
  private final AtomicInteger pending = new AtomicInteger();

  /** Per-client rate and session counts. */
  private final ClientAdmission clients;

  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private volatile boolean shuttingDown;
  private volatile boolean shutdownResult;
  private final AutoLock drainLock = new AutoLock();
  private final Condition drained = drainLock.newCondition();

  private DefaultSessionManager(
      SessionPolicy policy,
      InstantSource clock,
      @Nullable SessionStore store,
      List<SessionListener> listeners,
      int stripes,
      Duration expiryInterval) {
    this.policy = policy;
    this.timing = ExpiryTiming.of(policy);
    this.clock = clock;
    this.listeners = new ListenerDispatcher(listeners);
    this.clients = new ClientAdmission(policy.clientLimits());
    this.profiles = new ClientProfiles(this); // keeps the reference only; nothing calls back here
    this.table = new StripedSessionTable(stripes, timing, clock.millis());
    this.replication = store == null ? null : new StoreReplication(this, store, table);
    this.scheduler =
        expiryInterval.isZero() ? null : new ExpiryScheduler(expiryInterval, this::cleanUp);
  }

  /**
   * Creates and starts a manager.
   *
   * @param policy the limits
   * @param clock the time source
   * @param store the write-through store, or {@code null}
   * @param listeners the listeners, called in order
   * @param stripes the number of table stripes, a power of two
   * @param expiryInterval the period of the background pass; zero for none
   * @return the running manager
   */
  public static DefaultSessionManager start(
      SessionPolicy policy,
      InstantSource clock,
      @Nullable SessionStore store,
      List<SessionListener> listeners,
      int stripes,
      Duration expiryInterval) {
    requireNonNull(policy, "policy");
    requireNonNull(clock, "clock");
    requireNonNull(listeners, "listeners");
    requireNonNull(expiryInterval, "expiryInterval");
    DefaultSessionManager manager =
        new DefaultSessionManager(policy, clock, store, listeners, stripes, expiryInterval);
    if (manager.replication != null) {
      manager.replication.start(); // after construction, like the scheduler below
    }
    if (manager.scheduler != null) {
      manager.scheduler.start(); // after construction: the thread never sees a partial manager
    }
    return manager;
  }

  // ---------------------------------------------------------------- SessionManager

  /**
   * The profile of a client, shared by the sessions of identical clients of this manager (see
   * {@link ClientProfiles}).
   */
  ClientProfile profileOf(@Nullable ClientInfo info, tools.jackson.databind.JsonNode capabilities) {
    return profiles.of(info, capabilities);
  }

  /** The shared profiles (tests). */
  ClientProfiles profiles() {
    return profiles;
  }

  @Override
  public Session create(SessionInit init) {
    requireNonNull(init, "init");
    if (shuttingDown) {
      throw reject(SessionAdmissionException.Reason.SHUTTING_DOWN);
    }
    ClientAdmission.Admission admission =
        clients.admit(init.principal(), init.clientAddress(), clock.millis());
    if (admission.refused() != null) {
      throw reject(admission.refused(), Duration.ofMillis(admission.retryAfterMillis()));
    }
    ClientAdmission.Entry client = admission.entry();
    boolean pendingHeld = false;
    boolean establishedHeld = false;
    ManagedSession session = null;
    try {
      // The server-wide limit first: when the server is full, that is the news, whatever the pool.
      if (policy.admissionPolicy() == SessionPolicy.AdmissionPolicy.REJECT_NEW) {
        if (!reserve(established, policy.maxSessions())) {
          throw reject(SessionAdmissionException.Reason.LIMIT_REACHED);
        }
        establishedHeld = true;
      }
      if (!reserve(pending, policy.maxPendingHandshakes())) {
        throw reject(SessionAdmissionException.Reason.HANDSHAKE_POOL_FULL);
      }
      pendingHeld = true;
      long now = clock.millis();
      while (session == null) {
        ManagedSession fresh =
            ManagedSession.create(this, SessionIdGenerator.next(), now, init, client);
        if (fresh.register(false) == null) {
          session = fresh; // from here on, the session's close gives back what it holds
        } // else: a 128-bit collision; draw again
      }
    } finally {
      if (session == null) {
        if (establishedHeld) {
          established.decrementAndGet();
        }
        if (pendingHeld) {
          pending.decrementAndGet();
        }
        if (client != null) {
          clients.release(client);
        }
      }
    }
    if (shuttingDown) {
      session.close(CloseReason.SERVER_SHUTDOWN);
      throw reject(SessionAdmissionException.Reason.SHUTTING_DOWN);
    }
    return session;
  }

  /**
   * Raises {@code counter} if it is below {@code max}; when it is not, sweeps expired sessions once
   * (some past their deadline may not have been swept yet) and tries again. Evicts nobody.
   */
  private boolean reserve(AtomicInteger counter, int max) {
    return tryIncrement(counter, max) || (cleanUp() > 0 && tryIncrement(counter, max));
  }

  private static boolean tryIncrement(AtomicInteger counter, int max) {
    while (true) {
      int current = counter.get();
      if (current >= max) {
        return false;
      }
      if (counter.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /**
   * Takes the established slot of a session completing its handshake: nothing to take under {@code
   * REJECT_NEW} (it reserved its slot at creation); under {@code EVICT_LONGEST_IDLE} a free slot,
   * or the slot of the longest-idle established session, which is evicted. Called without any lock
   * held.
   *
   * @return {@code false} if no slot could be had (every one held by a reservation in progress, or
   *     the victims kept slipping away); the session then stays pending
   */
  boolean reserveForActivation() {
    if (policy.admissionPolicy() == SessionPolicy.AdmissionPolicy.REJECT_NEW) {
      return true;
    }
    int max = policy.maxSessions();
    int evictionAttempts = 0;
    boolean swept = false;
    while (true) {
      if (tryIncrement(established, max)) {
        return true;
      }
      if (!swept) {
        swept = true;
        if (cleanUp() > 0) {
          continue;
        }
      }
      if (evictionAttempts > MAX_EVICTION_ATTEMPTS) {
        listeners.admissionRejected(SessionAdmissionException.Reason.LIMIT_REACHED);
        return false;
      }
      ManagedSession victim = longestIdle();
      if (victim == null || !victim.close(CloseReason.EVICTED)) {
        // Every slot is held by a reservation in progress, or another thread is closing the victim
        // (its slot is about to be freed). Retry, but not forever.
        evictionAttempts++;
        Thread.yield(); // let the thread holding the slot finish (it may be descheduled)
      }
    }
  }

  /** Gives back a slot taken by {@link #reserveForActivation()} whose transition was lost. */
  void unreserveForActivation() {
    if (policy.admissionPolicy() == SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE) {
      established.decrementAndGet();
    }
  }

  /**
   * The longest-idle session across all stripes, approximate: each stripe offers the longest idle
   * of its earliest wheel bucket (earliest deadline within one tick), and the longest idle of those
   * wins. A session whose lifetime deadline comes before its idle deadline ranks by the lifetime
   * deadline (it would be closed soon anyway).
   */
  private @Nullable ManagedSession longestIdle() {
    ManagedSession best = null;
    for (Stripe stripe : table.stripes()) {
      ManagedSession candidate = stripe.evictionCandidate();
      if (candidate != null
          && (best == null || candidate.lastActivityMillis() < best.lastActivityMillis())) {
        best = candidate;
      }
    }
    return best;
  }

  private SessionAdmissionException reject(SessionAdmissionException.Reason reason) {
    Duration retryAfter =
        reason == SessionAdmissionException.Reason.HANDSHAKE_POOL_FULL
            ? policy.handshakeTimeout() // by then every slot held now has freed
            : SessionAdmissionException.DEFAULT_RETRY_AFTER;
    return reject(reason, retryAfter);
  }

  private SessionAdmissionException reject(
      SessionAdmissionException.Reason reason, Duration retryAfter) {
    listeners.admissionRejected(reason);
    String message =
        switch (reason) {
          case LIMIT_REACHED ->
              "session limit of " + policy.maxSessions() + " reached; try again later";
          case SHUTTING_DOWN -> "server is shutting down";
          case HANDSHAKE_POOL_FULL -> "too many session handshakes in progress; try again later";
          case CLIENT_RATE -> "too many new sessions from this client; slow down";
          case CLIENT_SESSIONS ->
              "this client holds too many sessions; end some (HTTP DELETE) first";
        };
    return new SessionAdmissionException(reason, message, retryAfter);
  }

  @Override
  public @Nullable Session lookup(SessionId id) {
    requireNonNull(id, "id");
    long now = clock.millis();
    ManagedSession session = table.get(id);
    if (session == null) {
      return rehydrate(id, now);
    }
    return live(session, now) ? session : null;
  }

  @Override
  public @Nullable Session touch(SessionId id) {
    requireNonNull(id, "id");
    long now = clock.millis();
    ManagedSession session = table.get(id);
    if (session == null) {
      session = rehydrate(id, now);
      if (session == null) {
        return null;
      }
    } else if (!live(session, now)) {
      return null;
    }
    session.touchAt(now);
    return session;
  }

  /**
   * Not closed and within its deadlines; a session past a deadline is closed here and now, unless a
   * store vouches for activity elsewhere (see {@link #confirmedExpiry}).
   *
   * @throws StoreUnavailableException if the store was needed to decide and cannot be reached
   */
  boolean live(ManagedSession session, long now) {
    if (session.state() == SessionState.CLOSED) {
      return false;
    }
    CloseReason expired = confirmedExpiry(session, now);
    if (expired != null) {
      session.close(expired);
      return false;
    }
    return true;
  }

  /**
   * The reason a session is expired at {@code now}, or {@code null} if it is not. With a store, an
   * idle deadline passed by this manager's view is checked against the store first (see {@link
   * StoreReplication#confirmIdleExpiry}).
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  private @Nullable CloseReason confirmedExpiry(ManagedSession session, long now) {
    CloseReason reason = session.expiryReason(now);
    StoreReplication source = replication;
    if (source == null) {
      return reason;
    }
    if (reason == CloseReason.HANDSHAKE_TIMEOUT) {
      return source.confirmHandshakeTimeout(session, now);
    }
    return reason == CloseReason.IDLE_EXPIRED ? source.confirmIdleExpiry(session, now) : reason;
  }

  /**
   * On a miss, the session loaded from the store, if there is one and it may be admitted (see
   * {@link StoreReplication#rehydrate}).
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  private @Nullable ManagedSession rehydrate(SessionId id, long now) {
    StoreReplication source = replication;
    return source == null ? null : source.rehydrate(id, now);
  }

  /**
   * Reserves what a session loaded from the store in {@code state} holds (see the class comment) if
   * it is free, evicting nobody; the caller gives it back with {@link #releaseSlot} if unused.
   */
  boolean tryReserveWithoutEviction(SessionState state) {
    if (state != SessionState.INITIALIZING) {
      return tryIncrement(established, policy.maxSessions());
    }
    if (!tryIncrement(pending, policy.maxPendingHandshakes())) {
      return false;
    }
    if (holdsEstablishedWhilePending() && !tryIncrement(established, policy.maxSessions())) {
      pending.decrementAndGet();
      return false;
    }
    return true;
  }

  private boolean holdsEstablishedWhilePending() {
    return policy.admissionPolicy() == SessionPolicy.AdmissionPolicy.REJECT_NEW;
  }

  @Override
  public boolean activate(SessionId id) {
    requireNonNull(id, "id");
    ManagedSession session = table.get(id);
    if (session == null) {
      session = rehydrate(id, clock.millis());
    }
    return session != null && session.activate();
  }

  @Override
  public boolean close(SessionId id, CloseReason reason) {
    requireNonNull(id, "id");
    requireNonNull(reason, "reason");
    ManagedSession session = table.get(id);
    if (session == null) {
      session = rehydrate(id, clock.millis());
    }
    return session != null && session.close(reason);
  }

  /** Blocks only through a store that may block; listeners must not block by their contract. */
  @Override
  public InvocationType invocationType() {
    StoreReplication source = replication;
    return source == null ? InvocationType.NON_BLOCKING : source.invocationType();
  }

  @Override
  public int size() {
    return table.size();
  }

  @Override
  public void forEach(Consumer<? super Session> action) {
    requireNonNull(action, "action");
    for (ManagedSession session : table.snapshot()) {
      if (session.state() != SessionState.CLOSED) {
        action.accept(session);
      }
    }
  }

  @Override
  public int cleanUp() {
    long now = clock.millis();
    int closed = 0;
    List<ManagedSession> expired = new ArrayList<>();
    for (Stripe stripe : table.stripes()) {
      stripe.collectExpired(now, expired);
      for (ManagedSession session : expired) {
        CloseReason reason;
        try {
          reason = confirmedExpiry(session, now);
        } catch (RuntimeException e) {
          // Cannot ask the store: keep the session (requests need the store anyway) and ask again
          // at the next pass; expiring it on a guess could end a session other nodes still serve.
          LOG.debug("session store unreachable; expiry of {} postponed", session.id(), e);
          table.reschedule(session);
          continue;
        }
        if (reason == null) {
          table.reschedule(session); // touched between collection and now
        } else if (session.close(reason)) {
          closed++;
        }
      }
      expired.clear();
    }
    return closed;
  }

  @Override
  public SessionPolicy policy() {
    return policy;
  }

  @Override
  public boolean isShutdown() {
    return shuttingDown;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A second call does not wait: it returns the first call's result if that call has finished,
   * and {@code false} while it is still draining. The background expiry thread is stopped at once.
   */
  @Override
  public boolean shutdown(Duration deadline) {
    requireNonNull(deadline, "deadline");
    if (!shutdownStarted.compareAndSet(false, true)) {
      return shutdownResult;
    }
    shuttingDown = true;
    if (scheduler != null) {
      scheduler.stop();
    }
    long deadlineNanos = System.nanoTime() + saturatedNanos(deadline);
    List<ManagedSession> sessions = table.snapshot();
    for (ManagedSession session : sessions) {
      session.drain();
    }
    boolean finished = awaitDrained(sessions, deadlineNanos);
    for (ManagedSession session : table.snapshot()) {
      session.close(CloseReason.SERVER_SHUTDOWN);
    }
    shutdownResult = finished;
    return finished;
  }

  private boolean awaitDrained(List<ManagedSession> sessions, long deadlineNanos) {
    try (AutoLock ignored = drainLock.lock()) {
      while (inFlight(sessions) > 0) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
          return false;
        }
        drained.awaitNanos(remaining);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long inFlight(List<ManagedSession> sessions) {
    long total = 0;
    for (ManagedSession session : sessions) {
      total += session.inFlight();
    }
    return total;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 2;
    }
  }

  // ---------------------------------------------------------------- hooks for ManagedSession

  StripedSessionTable table() {
    return table;
  }

  ExpiryTiming timing() {
    return timing;
  }

  ListenerDispatcher listeners() {
    return listeners;
  }

  long nowMillis() {
    return clock.millis();
  }

  Instant now() {
    return clock.instant();
  }

  /** Sessions pending their handshake, with reservations in progress (tests). */
  int pendingCount() {
    return pending.get();
  }

  /** Established slots held, with reservations in progress (tests). */
  int establishedCount() {
    return established.get();
  }

  /** The per-client counts (tests). */
  ClientAdmission clients() {
    return clients;
  }

  /** The store's replication, or {@code null} without a store. */
  @Nullable StoreReplication replication() {
    return replication;
  }

  /** Gives back what {@link #tryReserveWithoutEviction} reserved for {@code state}, unused. */
  void releaseSlot(SessionState state) {
    if (state != SessionState.INITIALIZING) {
      established.decrementAndGet();
      return;
    }
    pending.decrementAndGet();
    if (holdsEstablishedWhilePending()) {
      established.decrementAndGet();
    }
  }

  /**
   * Side effects of a won transition; called under the session's transition lock, right after the
   * CAS from {@code from} to {@code to}, before listeners. Moves the session's slots (see the class
   * comment).
   */
  void afterTransition(
      ManagedSession session, SessionState from, SessionState to, @Nullable CloseReason reason) {
    if (to == SessionState.CLOSED) {
      if (table.remove(session)) {
        if (from == SessionState.INITIALIZING) {
          pending.decrementAndGet();
          if (holdsEstablishedWhilePending()) {
            established.decrementAndGet();
          }
        } else {
          established.decrementAndGet();
        }
        if (session.client != null) {
          clients.release(session.client);
        }
      }
    } else if (from == SessionState.INITIALIZING) {
      pending.decrementAndGet();
      if (to == SessionState.DRAINING && !holdsEstablishedWhilePending()) {
        established.incrementAndGet(); // shutdown: nothing new is admitted, the bound may bend
      } // to ACTIVE: the slot was taken before the transition (at creation, or by activate())
    }
    StoreReplication target = replication;
    if (target != null) {
      target.transitioned(session, to, reason);
    }
  }

  /** Some session's in-flight count reached zero; wakes a draining shutdown. */
  void quiescent() {
    if (shuttingDown) {
      try (AutoLock ignored = drainLock.lock()) {
        drained.signalAll();
      }
    }
  }
}
