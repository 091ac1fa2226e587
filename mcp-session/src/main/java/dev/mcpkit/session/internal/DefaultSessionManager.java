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
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session manager: a {@link StripedSessionTable} with per-stripe timing wheels, admission
 * control, an optional write-through {@link SessionStore}, and graceful shutdown. Public only so
 * that {@code dev.mcpkit.session.SessionManagers} can construct it; the package is not exported.
 *
 * <p><b>Thread-safety.</b> Every method may be called concurrently.
 *
 * <ul>
 *   <li>{@link #lookup} and {@link #touch} take no lock (lock-free table read, then a deadline
 *       check against the clock; an expired session found there is closed on the spot and not
 *       returned).
 *   <li><b>Admission</b> reserves a slot by CAS on {@link #admitted} (live sessions plus
 *       reservations) before inserting, and gives it back if the insert does not happen; a slot is
 *       freed exactly once, by the thread that removes the session from the table after winning the
 *       CAS to {@code CLOSED}. So the number of live sessions never exceeds {@code maxSessions}.
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
public final class DefaultSessionManager implements SessionManager {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultSessionManager.class);

  /** Failed eviction attempts (no victim, or lost the close race) before a creator gives up. */
  private static final int MAX_EVICTION_ATTEMPTS = 1_000;

  private final SessionPolicy policy;
  private final ExpiryTiming timing;
  private final InstantSource clock;
  private final @Nullable SessionStore store;
  private final ListenerDispatcher listeners;
  private final StripedSessionTable table;

  /** One {@code ClientInfo} per distinct client description, shared by its sessions. */
  private final ClientInfoIntern clientInfos = new ClientInfoIntern();

  private final @Nullable ExpiryScheduler scheduler;

  /** Live sessions plus slots reserved by creations in progress; never above maxSessions. */
  private final AtomicInteger admitted = new AtomicInteger();

  private final AtomicBoolean shutdownStarted = new AtomicBoolean();
  private volatile boolean shuttingDown;
  private volatile boolean shutdownResult;
  private final ReentrantLock drainLock = new ReentrantLock();
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
    this.store = store;
    this.listeners = new ListenerDispatcher(listeners);
    this.table = new StripedSessionTable(stripes, timing, clock.millis());
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
    if (store != null) {
      store.watch(manager.new StoreWatcher()); // after construction, like the scheduler below
    }
    if (manager.scheduler != null) {
      manager.scheduler.start(); // after construction: the thread never sees a partial manager
    }
    return manager;
  }

  // ---------------------------------------------------------------- SessionManager

  /**
   * The instance of {@code info} shared by the sessions of this manager (see {@link
   * ClientInfoIntern}).
   */
  @Nullable ClientInfo sharedClientInfo(@Nullable ClientInfo info) {
    return clientInfos.intern(info);
  }

  @Override
  public Session create(SessionInit init) {
    requireNonNull(init, "init");
    if (shuttingDown) {
      throw reject(SessionAdmissionException.Reason.SHUTTING_DOWN);
    }
    reserveSlot();
    ManagedSession session = null;
    try {
      long now = clock.millis();
      while (session == null) {
        ManagedSession fresh = ManagedSession.create(this, SessionIdGenerator.next(), now, init);
        if (fresh.register(false) == null) {
          session = fresh;
        } // else: a 144-bit collision; draw again
      }
    } finally {
      if (session == null) {
        admitted.decrementAndGet();
      }
    }
    if (shuttingDown) {
      session.close(CloseReason.SERVER_SHUTDOWN);
      throw reject(SessionAdmissionException.Reason.SHUTTING_DOWN);
    }
    return session;
  }

  private void reserveSlot() {
    int max = policy.maxSessions();
    int evictionAttempts = 0;
    boolean swept = false;
    while (true) {
      int current = admitted.get();
      if (current < max) {
        if (admitted.compareAndSet(current, current + 1)) {
          return;
        }
        continue;
      }
      // Full. Sessions past their deadline may not have been swept yet: sweep once before deciding.
      if (!swept) {
        swept = true;
        if (cleanUp() > 0) {
          continue;
        }
      }
      if (policy.admissionPolicy() == SessionPolicy.AdmissionPolicy.REJECT_NEW
          || evictionAttempts > MAX_EVICTION_ATTEMPTS) {
        throw reject(SessionAdmissionException.Reason.LIMIT_REACHED);
      }
      ManagedSession victim = longestIdle();
      if (victim == null || !victim.close(CloseReason.EVICTED)) {
        // Every slot is held by a creation in progress, or another thread is closing the victim
        // (its slot is about to be freed). Retry, but not forever: a creator that keeps losing
        // is refused rather than left spinning.
        evictionAttempts++;
        Thread.yield(); // let the thread holding the slot finish (it may be descheduled)
      }
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
    listeners.admissionRejected(reason);
    return switch (reason) {
      case LIMIT_REACHED ->
          new SessionAdmissionException(
              reason, "session limit of " + policy.maxSessions() + " reached; try again later");
      case SHUTTING_DOWN -> new SessionAdmissionException(reason, "server is shutting down");
    };
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
  private boolean live(ManagedSession session, long now) {
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
   * idle deadline passed by this manager's view is checked against the store first: other managers
   * sharing the store may have served the session since, and the record carries their activity
   * (adopted here, so the check is not repeated before the new deadline). A record that is gone
   * means the session ended elsewhere or expired in the store: it is expired here too. The lifetime
   * deadline is absolute (the creation time is the same everywhere) and needs no check. This costs
   * one store read per session whose local idle deadline passes, so expiry stays O(expired).
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  private @Nullable CloseReason confirmedExpiry(ManagedSession session, long now) {
    CloseReason reason = session.expiryReason(now);
    SessionStore source = store;
    if (reason != CloseReason.IDLE_EXPIRED || source == null) {
      return reason;
    }
    Optional<SessionRecord> record = source.load(session.id());
    if (record.isEmpty()) {
      return reason;
    }
    session.adoptActivity(record.get().lastActivity().toEpochMilli());
    return session.expiryReason(now);
  }

  /**
   * On a miss, loads the session from the store into this manager, if it may be admitted (live
   * state, within its deadlines, a free slot without evicting anyone). Managers sharing a store
   * keep their copies coherent through it: a close here deletes the shared record, a store that
   * {@linkplain SessionStore#watch reports removals} makes the other managers close their copies,
   * and an idle deadline passed here is checked against the record before the session is expired
   * (see {@link #confirmedExpiry}).
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  private @Nullable ManagedSession rehydrate(SessionId id, long now) {
    SessionStore source = store;
    if (source == null || shuttingDown) {
      return null;
    }
    Optional<SessionRecord> loaded;
    try {
      loaded = source.load(id);
    } catch (StoreUnavailableException e) {
      throw e; // the session may well exist: the request fails (503), it is not told "unknown"
    } catch (RuntimeException e) {
      LOG.warn("session store failed to load session {}", id, e);
      return null;
    }
    if (loaded.isEmpty() || !loaded.get().state().acceptsRequests()) {
      return null;
    }
    ManagedSession session = ManagedSession.rehydrate(this, loaded.get());
    if (session.expiryReason(now) != null || !tryReserveWithoutEviction()) {
      return null;
    }
    ManagedSession existing;
    try {
      existing = session.register(true);
    } catch (RuntimeException e) {
      admitted.decrementAndGet();
      throw e;
    }
    if (existing != null) {
      admitted.decrementAndGet();
      return live(existing, now) ? existing : null;
    }
    // Another node may have deleted the record after the load above and before the insert: the
    // removal it reported then found no copy here to close, and this copy would live on. A second
    // look now that the copy is in the table closes the gap: a delete before this load shows here;
    // one after it reaches the copy through the watcher, which now finds it.
    boolean gone;
    try {
      gone = source.load(id).isEmpty();
    } catch (RuntimeException e) {
      gone = false; // cannot tell; the store's own refresh or resync settles it
      LOG.debug("session store unreachable re-checking session {}", id, e);
    }
    if (gone) {
      session.close(CloseReason.IDLE_EXPIRED); // what a resync says of a copy whose record is gone
      return null;
    }
    if (shuttingDown) {
      session.close(CloseReason.SERVER_SHUTDOWN);
      return null;
    }
    return session;
  }

  private boolean tryReserveWithoutEviction() {
    int max = policy.maxSessions();
    while (true) {
      int current = admitted.get();
      if (current >= max) {
        return false;
      }
      if (admitted.compareAndSet(current, current + 1)) {
        return true;
      }
    }
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
    SessionStore source = store;
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
    drainLock.lock();
    try {
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
    } finally {
      drainLock.unlock();
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

  boolean hasStore() {
    return store != null;
  }

  /**
   * Side effects of a won transition; called under the session's transition lock, before listeners.
   */
  void afterTransition(ManagedSession session, SessionState to, @Nullable CloseReason reason) {
    if (to == SessionState.CLOSED) {
      if (table.remove(session)) {
        admitted.decrementAndGet();
      }
      SessionStore target = store;
      // A shutdown or an eviction (room for new sessions here) ends this node's copy only: the
      // record stays for the other nodes sharing the store, and for this node after its restart.
      if (target != null
          && reason != null
          && reason != CloseReason.SERVER_SHUTDOWN
          && reason != CloseReason.EVICTED) {
        try {
          target.delete(session.id(), reason);
        } catch (RuntimeException e) {
          LOG.warn("session store failed to delete session {}", session.id(), e);
        }
      }
    } else if (to != SessionState.DRAINING) {
      save(session);
    } // draining is this node's shutdown, not the session's: the record keeps its state
  }

  /**
   * Writes a new session's first record, before it is visible; a store that cannot be reached fails
   * the creation ({@link StoreUnavailableException} propagates), other store failures are logged as
   * for any save.
   */
  void saveNew(ManagedSession session) {
    SessionStore target = store;
    if (target != null) {
      try {
        target.save(session.toRecord());
      } catch (StoreUnavailableException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.warn("session store failed to save session {}", session.id(), e);
      }
    }
  }

  /** Writes the session's record through; called under its transition lock while not closed. */
  void save(ManagedSession session) {
    SessionStore target = store;
    if (target != null) {
      try {
        target.save(session.toRecord());
      } catch (RuntimeException e) {
        LOG.warn("session store failed to save session {}", session.id(), e);
      }
    }
  }

  /** A touch that moved last-activity; forwarded to the store (at most once per granularity). */
  void touched(ManagedSession session, long nowMillis) {
    SessionStore target = store;
    if (target != null && session.state() != SessionState.CLOSED) {
      try {
        target.touch(session.id(), Instant.ofEpochMilli(nowMillis));
      } catch (RuntimeException e) {
        LOG.warn("session store failed to record activity of session {}", session.id(), e);
      }
    }
  }

  /** Some session's in-flight count reached zero; wakes a draining shutdown. */
  void quiescent() {
    if (shuttingDown) {
      drainLock.lock();
      try {
        drained.signalAll();
      } finally {
        drainLock.unlock();
      }
    }
  }

  /**
   * Closes local copies of sessions that a shared store reports as ended elsewhere. The close runs
   * through the state machine like any other (listeners see it, the transport drops the session's
   * streams); its delete on the store finds nothing left to delete.
   */
  private final class StoreWatcher implements SessionStore.Watcher {
    @Override
    public void removed(SessionId id, CloseReason reason) {
      ManagedSession session = table.get(id);
      if (session != null) {
        session.close(reason);
      }
    }

    @Override
    public void resync() {
      SessionStore source = store;
      if (source == null) {
        return;
      }
      for (ManagedSession session : table.snapshot()) {
        try {
          if (session.state() != SessionState.CLOSED && source.load(session.id()).isEmpty()) {
            session.close(CloseReason.IDLE_EXPIRED);
          }
        } catch (RuntimeException e) {
          LOG.debug("session store resync stopped; the next one checks again", e);
          return;
        }
      }
    }
  }
}
