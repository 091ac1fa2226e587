package dev.mcpkit.session.internal;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link DefaultSessionManager}'s table coherent with a {@link SessionStore}: with a store,
 * the table is a near cache of the records. This class writes records through (creation, state
 * changes, attribute changes, activity), deletes them when a session ends for good, loads a session
 * the table misses (rehydration), checks a locally passed idle deadline against the record (other
 * nodes may have served the session since), and closes local copies of sessions that the store
 * reports as removed elsewhere ({@link SessionStore.Watcher}). The manager keeps admission, expiry,
 * shutdown and the table, and calls in here only when it has a store.
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread; the class holds no mutable
 * state of its own (the store, the table and the manager are final references to thread-safe
 * objects). Writes ({@link #saveNew}, {@link #save}, {@link #transitioned}) run under the session's
 * transition lock, which the caller holds; the session checks its state there first, so no save of
 * a session lands after the delete its close issued. Reads and rehydration take no lock of their
 * own.
 *
 * <p><b>Why the races are correct.</b>
 *
 * <ul>
 *   <li><i>Rehydration vs. a local create.</i> A created session has a fresh 128-bit random id that
 *       no record holds, so the two never meet; should they, {@link ManagedSession#register}
 *       inserts under the table's stripe lock and only one copy gets in (the other side adopts the
 *       one in the table).
 *   <li><i>Rehydration vs. rehydration.</i> Two threads missing the same id both load it; the
 *       insert admits one copy, and the loser gives its slot back and serves the winner's copy
 *       (after the usual liveness check).
 *   <li><i>Rehydration vs. a close of the same id.</i> A close that ends the session for good
 *       (client, expiry, error) removes the copy from the table and deletes the record in one
 *       section under the session's transition lock, and {@code register} inserts under the same
 *       lock (the lock follows the id), so the two are ordered. If the insert comes first, it finds
 *       the closing copy still in the table and serves that one, which is then closed (a request
 *       racing a close, as with a local {@code DELETE}). If the close comes first, the record is
 *       gone and the second look after the insert (see {@link #rehydrate}) closes the new copy. The
 *       same second look covers a delete made by another node between the load and the insert,
 *       whose {@link SessionStore.Watcher#removed} found no copy here to close. A close by shutdown
 *       or eviction leaves the record (it ends this node's copy only), so loading it again later is
 *       right; shutdown itself is read after the insert, as in {@code create}, so a copy inserted
 *       while shutdown snapshots the table is closed by one side or the other.
 *   <li><i>Watcher removals vs. local lookups.</i> A removal closes the copy through the state
 *       machine like any other close, so a lookup either sees it live (the request races a close,
 *       as with a local {@code DELETE}) or closed (and answers "not found"); listeners and the
 *       transport see the close exactly once. Its delete on the store finds nothing left. A store
 *       that reports a removal from inside this node's delete does so for the same id, whose
 *       transition lock is reentrant ({@link TransitionLocks} has the argument).
 *   <li><i>Missed removals.</i> {@link SessionStore.Watcher#resync} checks every local copy against
 *       the store and closes those whose record is gone; a store failure stops the pass, and the
 *       next resync checks again.
 * </ul>
 */
final class StoreReplication {
  private static final Logger LOG = LoggerFactory.getLogger(StoreReplication.class);

  private final DefaultSessionManager manager;
  private final SessionStore store;
  private final StripedSessionTable table;

  /**
   * Creates the replication of a manager's table; call {@link #start()} once the manager is built.
   *
   * @param manager the manager, for admission and rehydrated sessions; not used before {@code
   *     start}
   * @param store the store
   * @param table the manager's table
   */
  StoreReplication(DefaultSessionManager manager, SessionStore store, StripedSessionTable table) {
    this.manager = manager;
    this.store = store;
    this.table = table;
  }

  /** Registers the watcher; after the manager's construction, so it never sees a partial one. */
  void start() {
    store.watch(new StoreWatcher());
  }

  /** Whether the store may block its caller. */
  InvocationType invocationType() {
    return store.invocationType();
  }

  // ---------------------------------------------------------------- reads

  /**
   * Confirms that a session whose idle deadline passed by this manager's view is expired: other
   * managers sharing the store may have served the session since, and the record carries their
   * activity (adopted here, so the check is not repeated before the new deadline). A record that is
   * gone means the session ended elsewhere or expired in the store: it is expired here too. The
   * lifetime deadline is absolute (the creation time is the same everywhere) and needs no check.
   * This costs one store read per session whose local idle deadline passes, so expiry stays
   * O(expired).
   *
   * @return the reason the session is expired at {@code now}, or {@code null} if it is not
   * @throws StoreUnavailableException if the store cannot be reached
   */
  @Nullable CloseReason confirmIdleExpiry(ManagedSession session, long now) {
    Optional<SessionRecord> record = store.load(session.id());
    if (record.isEmpty()) {
      return CloseReason.IDLE_EXPIRED;
    }
    session.adoptActivity(record.get().lastActivity().toEpochMilli());
    return session.expiryReason(now);
  }

  /**
   * Confirms that a session whose handshake deadline passed by this node's view has not completed
   * its handshake elsewhere: handshake accounting is local, but the handshake's completion ({@code
   * notifications/initialized}) may have reached another node, which saved the record as active.
   * Then this copy adopts the activation (and the record's activity) instead of closing a session
   * the other nodes serve; otherwise the handshake timed out. One store read per timed-out
   * handshake, so expiry stays O(expired).
   *
   * @return the reason the session is expired at {@code now}, or {@code null} if it is not
   * @throws StoreUnavailableException if the store cannot be reached
   */
  @Nullable CloseReason confirmHandshakeTimeout(ManagedSession session, long now) {
    Optional<SessionRecord> record = store.load(session.id());
    if (record.isEmpty() || record.get().state() == SessionState.INITIALIZING) {
      return session.expiryReason(now);
    }
    session.adoptActivity(record.get().lastActivity().toEpochMilli());
    if (!session.activate() && session.state() == SessionState.INITIALIZING) {
      return CloseReason.EVICTED; // no room here: end this node's copy only, the record stays
    }
    CloseReason reason = session.expiryReason(now);
    return reason == CloseReason.IDLE_EXPIRED ? confirmIdleExpiry(session, now) : reason;
  }

  /**
   * On a miss, loads the session from the store into the manager, if it may be admitted (live
   * state, within its deadlines, a free slot without evicting anyone). Managers sharing a store
   * keep their copies coherent through it: a close here deletes the shared record, a store that
   * {@linkplain SessionStore#watch reports removals} makes the other managers close their copies,
   * and an idle deadline passed here is checked against the record before the session is expired
   * (see {@link #confirmIdleExpiry}).
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  @Nullable ManagedSession rehydrate(SessionId id, long now) {
    if (manager.isShutdown()) {
      return null;
    }
    Optional<SessionRecord> loaded;
    try {
      loaded = store.load(id);
    } catch (StoreUnavailableException e) {
      throw e; // the session may well exist: the request fails (503), it is not told "unknown"
    } catch (RuntimeException e) {
      LOG.warn("session store failed to load session {}", id, e);
      return null;
    }
    if (loaded.isEmpty() || !loaded.get().state().acceptsRequests()) {
      return null;
    }
    ManagedSession session = ManagedSession.rehydrate(manager, loaded.get());
    SessionState reserved = session.state();
    if (session.expiryReason(now) != null || !manager.tryReserveWithoutEviction(reserved)) {
      return null;
    }
    ManagedSession existing;
    try {
      existing = session.register(true);
    } catch (RuntimeException e) {
      manager.releaseSlot(reserved);
      throw e;
    }
    if (existing != null) {
      manager.releaseSlot(reserved);
      return manager.live(existing, now) ? existing : null;
    }
    // Another node may have deleted the record after the load above and before the insert: the
    // removal it reported then found no copy here to close, and this copy would live on. A second
    // look now that the copy is in the table closes the gap: a delete before this load shows here;
    // one after it reaches the copy through the watcher, which now finds it.
    boolean gone;
    try {
      gone = store.load(id).isEmpty();
    } catch (RuntimeException e) {
      gone = false; // cannot tell; the store's own refresh or resync settles it
      LOG.debug("session store unreachable re-checking session {}", id, e);
    }
    if (gone) {
      session.close(CloseReason.IDLE_EXPIRED); // what a resync says of a copy whose record is gone
      return null;
    }
    if (manager.isShutdown()) {
      session.close(CloseReason.SERVER_SHUTDOWN);
      return null;
    }
    return session;
  }

  // ---------------------------------------------------------------- write-through

  /**
   * Writes a new session's first record, before it is visible; a store that cannot be reached fails
   * the creation ({@link StoreUnavailableException} propagates), other store failures are logged as
   * for any save.
   */
  void saveNew(ManagedSession session) {
    try {
      store.save(session.toRecord());
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("session store failed to save session {}", session.id(), e);
    }
  }

  /** Writes the session's record through; called under its transition lock while not closed. */
  void save(ManagedSession session) {
    try {
      store.save(session.toRecord());
    } catch (RuntimeException e) {
      LOG.warn("session store failed to save session {}", session.id(), e);
    }
  }

  /**
   * Replicates a won transition; called under the session's transition lock, after the manager's
   * own side effects and before listeners.
   */
  void transitioned(ManagedSession session, SessionState to, @Nullable CloseReason reason) {
    if (to == SessionState.CLOSED) {
      // A shutdown or an eviction (room for new sessions here) ends this node's copy only: the
      // record stays for the other nodes sharing the store, and for this node after its restart.
      if (reason != null
          && reason != CloseReason.SERVER_SHUTDOWN
          && reason != CloseReason.EVICTED) {
        try {
          store.delete(session.id(), reason);
        } catch (RuntimeException e) {
          LOG.warn("session store failed to delete session {}", session.id(), e);
        }
      }
    } else if (to != SessionState.DRAINING) {
      save(session);
    } // draining is this node's shutdown, not the session's: the record keeps its state
  }

  /** A touch that moved last-activity; forwarded to the store (at most once per granularity). */
  void touched(ManagedSession session, long nowMillis) {
    if (session.state() != SessionState.CLOSED) {
      try {
        store.touch(session.id(), Instant.ofEpochMilli(nowMillis));
      } catch (RuntimeException e) {
        LOG.warn("session store failed to record activity of session {}", session.id(), e);
      }
    }
  }

  // ---------------------------------------------------------------- removals elsewhere

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
      for (ManagedSession session : table.snapshot()) {
        try {
          if (session.state() != SessionState.CLOSED && store.load(session.id()).isEmpty()) {
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
