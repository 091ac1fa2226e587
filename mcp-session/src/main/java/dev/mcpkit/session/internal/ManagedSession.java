package dev.mcpkit.session.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The session object handed to users, which is also the entry of the striped table and of a timing
 * wheel (intrusive links, so closing unlinks it in O(1)).
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread.
 *
 * <ul>
 *   <li><b>Transitions</b> ({@link #activate()}, {@link #close(CloseReason)}, {@link #drain()})
 *       take the session's transition lock ({@link #transitionLock()}: the lock of its stripe in
 *       {@link TransitionLocks}, shared with other sessions, so an idle session pays nothing for
 *       it), check {@link SessionState#canTransitionTo}, CAS the state, and only then run the side
 *       effects (table removal, store write) and append the event to the session's queue, all
 *       inside that one critical section. The loser of a race sees the new state and returns {@code
 *       false}. Without listeners (fixed when the manager is built) no event is made or queued at
 *       all, and no second lock is taken to deliver one: a churn cycle of the default configuration
 *       pays for none of this. Creation is queued under the same lock before anything else can
 *       transition the session (the manager inserts it into the table while holding the lock), so
 *       the creation event is always first. Store write-through ({@link #persist()}) runs under the
 *       same lock and checks the state first, so no save of a session lands after the delete its
 *       close issued.
 *   <li><b>Listener delivery</b> happens after the lock is released, by {@link #deliverPending()}:
 *       one thread at a time (the queue's {@code delivering} flag, guarded by the lock) takes
 *       events off the queue in order. Since events enter the queue in transition order and leave
 *       it in that order with no overlap, every listener sees the creation first and then each
 *       transition exactly once, in order, even when threads race; and since no lock is held while
 *       listeners run, a listener may transition this or another session (even one on the same
 *       stripe), or create sessions, without deadlock. A transition made by a listener of the same
 *       session is delivered right after the current event. Trade-off: when another thread is
 *       delivering, {@code close()} may return before listeners have seen the event (they will, on
 *       that thread). The lock is a {@code ReentrantLock} (held through {@link AutoLock}), never
 *       {@code synchronized}, because stores may block under it (a virtual thread blocked inside a
 *       monitor pins its carrier on JDK 21). Sharing it is safe because no section takes a second
 *       session's lock; {@link TransitionLocks} has the argument.
 *   <li><b>Touch</b> is lock-free and allocation-free: see {@link #lastActivity}.
 *   <li><b>In-flight counting</b> pairs with draining: {@link #tryEnter()} increments and then
 *       reads the state; the manager's shutdown writes {@code DRAINING} and then reads the count.
 *       Both are sequentially consistent accesses (a volatile read-modify-write and volatile
 *       reads/CAS), so at least one side sees the other: either shutdown sees the increment and
 *       waits, or {@code tryEnter} sees {@code DRAINING} and backs out.
 *   <li><b>Attributes</b> live in a {@code ConcurrentHashMap} created lazily by CAS.
 *   <li>The wheel links ({@link #wheelPrev}, {@link #wheelNext}, {@link #wheelBucket}) are guarded
 *       by the write lock of the stripe that holds the session.
 * </ul>
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
final class ManagedSession implements EngineSession {
  private static final VarHandle STATUS;
  private static final VarHandle LAST_ACTIVITY;
  private static final VarHandle ATTRIBUTES;
  private static final VarHandle IN_FLIGHT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATUS = lookup.findVarHandle(ManagedSession.class, "status", int.class);
      LAST_ACTIVITY = lookup.findVarHandle(ManagedSession.class, "lastActivity", long.class);
      ATTRIBUTES =
          lookup.findVarHandle(ManagedSession.class, "attributes", ConcurrentHashMap.class);
      IN_FLIGHT = lookup.findVarHandle(ManagedSession.class, "inFlight", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final SessionState[] STATES = SessionState.values();
  private static final CloseReason[] REASONS = CloseReason.values();
  private static final ProtocolVersion[] VERSIONS = ProtocolVersion.values();

  // The layout of {@link #status}: the state's ordinal, the close reason's ordinal plus one (zero
  // for none), the protocol version's ordinal.
  private static final int STATE_BITS = 0x7;
  private static final int REASON_SHIFT = 3;
  private static final int REASON_BITS = 0x1F;
  private static final int VERSION_SHIFT = 8;

  static {
    if (STATES.length > STATE_BITS + 1 || REASONS.length >= REASON_BITS) {
      throw new ExceptionInInitializerError("status bits too narrow for the enums");
    }
  }

  /**
   * The manager, the client's description and capabilities: one object shared by the sessions of
   * identical clients ({@link ClientProfiles}), so they cost this session one reference.
   */
  private final ClientProfile profile;

  /**
   * The id; final, like the fields of {@code SessionId}, so the table may read it (and its hash,
   * {@link #hash()}) through a reference obtained without a lock.
   */
  private final SessionId id;

  private final long createdAtMillis;

  private final @Nullable Principal principal;

  /**
   * The per-client entry that counts this session ({@link ClientAdmission}), released once when the
   * session leaves the table; {@code null} if it is not counted (rehydrated, or no client key).
   */
  final ClientAdmission.@Nullable Entry client;

  /**
   * Requests in progress; read and written only through {@link #IN_FLIGHT} with volatile semantics
   * (what an {@code AtomicInteger} gives, without a second object per session: 16 bytes less per
   * idle session).
   */
  @SuppressWarnings("unused") // accessed through IN_FLIGHT
  private volatile int inFlight;

  /**
   * The state, the close reason and the protocol version packed in one {@code int} (see {@link
   * #STATE_BITS}): three enums that took 12 bytes of references per session take 4. Read volatile;
   * written only by CAS through {@link #STATUS} under {@link #transitionLock()}, so a close
   * publishes its reason in the same atomic step as the state.
   */
  private volatile int status;

  /**
   * Last recorded activity, epoch milliseconds of the manager's clock. A plain field accessed only
   * through {@link #LAST_ACTIVITY}: the hot path reads it with {@code getOpaque} (atomic for a
   * {@code long}, no fence, never a stale value from before this thread's own last write), and
   * writes it with a CAS only when the new value is more than the touch granularity ahead. Readers
   * such as the expiry pass need no ordering with other fields, only an eventually fresh value,
   * which opaque gives. Skipping the write when nothing moved keeps the cache line shared (no
   * ping-pong between cores touching the same session); the CAS (instead of a racy release store)
   * keeps the value monotonic and elects one writer per granularity step, who alone forwards the
   * touch to the store.
   */
  @SuppressWarnings("unused") // accessed through LAST_ACTIVITY
  private long lastActivity;

  /** Attribute values by name, created on first put; set once by CAS. */
  @SuppressWarnings("unused") // accessed through ATTRIBUTES
  private volatile @Nullable ConcurrentHashMap<String, Object> attributes;

  /**
   * Events not yet delivered, with the flag telling whether a thread is delivering them; guarded by
   * {@link #transitionLock()}. {@code null} while idle: neither the queue nor the flag costs an
   * idle session anything (the flag lives in the queue, which exists while there are events or a
   * delivery is under way, so the session object stays at 88 bytes).
   */
  private @Nullable EventQueue pendingEvents;

  /** A session's undelivered events, and whether a thread is delivering them (guarded as above). */
  @SuppressWarnings("serial") // never serialized
  private static final class EventQueue extends ArrayDeque<SessionEvent> {
    boolean delivering;

    EventQueue() {
      super(4);
    }
  }

  // Guarded by the write lock of the stripe holding this session.
  @Nullable ManagedSession wheelPrev;
  @Nullable ManagedSession wheelNext;
  int wheelBucket = -1;

  private ManagedSession(
      DefaultSessionManager manager,
      SessionId id,
      SessionState state,
      long createdAtMillis,
      long lastActivityMillis,
      ProtocolVersion protocolVersion,
      @Nullable ClientInfo clientInfo,
      JsonNode clientCapabilities,
      @Nullable Principal principal,
      ClientAdmission.@Nullable Entry client) {
    this.profile = manager.profileOf(clientInfo, clientCapabilities);
    this.id = id;
    this.status = status(state, null, protocolVersion);
    this.createdAtMillis = createdAtMillis;
    this.lastActivity = lastActivityMillis;
    this.principal = principal;
    this.client = client;
  }

  static ManagedSession create(
      DefaultSessionManager manager,
      SessionId id,
      long nowMillis,
      SessionInit init,
      ClientAdmission.@Nullable Entry client) {
    return new ManagedSession(
        manager,
        id,
        SessionState.INITIALIZING,
        nowMillis,
        nowMillis,
        init.protocolVersion(),
        init.clientInfo(),
        init.clientCapabilities(),
        init.principal(),
        client);
  }

  static ManagedSession rehydrate(DefaultSessionManager manager, SessionRecord record) {
    String principalName = record.principalName();
    ManagedSession session =
        new ManagedSession(
            manager,
            record.id(),
            record.state(),
            record.createdAt().toEpochMilli(),
            record.lastActivity().toEpochMilli(),
            record.protocolVersion(),
            record.clientInfo(),
            record.clientCapabilities(),
            principalName == null ? null : new NamedPrincipal(principalName),
            null);
    if (!record.attributes().isEmpty()) {
      session.attributeMap().putAll(record.attributes());
    }
    return session;
  }

  // ---------------------------------------------------------------- registration

  /**
   * Inserts this new session into the manager's table and queues its creation event, holding the
   * transition lock meanwhile so that no transition can be queued before the creation event; then
   * delivers the queued events.
   *
   * @param rehydrated whether the session came from the store (then it is not written back, and a
   *     stored state beyond {@code INITIALIZING} is announced as a transition after the creation)
   * @return {@code null} if inserted; otherwise the session already in the table under this id
   */
  @Nullable ManagedSession register(boolean rehydrated) {
    boolean listened = manager().listeners().any();
    try (AutoLock ignored = transitionLock().lock()) {
      StoreReplication replication = manager().replication();
      if (!rehydrated && replication != null) {
        // Before the insert: nobody else can see this session yet, so no newer state can be saved
        // first; and a store that cannot take the record (StoreUnavailableException) leaves nothing
        // behind, neither in the table nor in the listeners' view.
        replication.saveNew(this);
      }
      ManagedSession existing = manager().table().insert(this);
      if (existing != null) {
        return existing; // a 128-bit id collision, which never happens; the caller draws again
      }
      if (!listened) {
        return null;
      }
      Instant at = manager().now();
      enqueue(new SessionEvent(this, null, SessionState.INITIALIZING, null, at));
      SessionState current = state();
      if (current != SessionState.INITIALIZING) {
        enqueue(new SessionEvent(this, SessionState.INITIALIZING, current, null, at));
      }
    }
    deliverPending();
    return null;
  }

  // ---------------------------------------------------------------- transitions

  /**
   * {@inheritDoc}
   *
   * <p>The session first gets its established slot from the manager (under {@code
   * EVICT_LONGEST_IDLE} this may evict another session, so it happens before this session's lock is
   * taken: no section holds two sessions' locks); if the transition is then lost, the slot is given
   * back. A session that gets no slot stays pending and ends at its handshake timeout.
   */
  @Override
  public boolean activate() {
    if (state() != SessionState.INITIALIZING || !manager().reserveForActivation()) {
      return false;
    }
    boolean won = false;
    try {
      won = transition(SessionState.ACTIVE, null);
    } finally {
      if (!won) {
        manager().unreserveForActivation();
      }
    }
    return won;
  }

  @Override
  public boolean close(CloseReason reason) {
    requireNonNull(reason, "reason");
    return transition(SessionState.CLOSED, reason);
  }

  /**
   * Moves a live session to {@code DRAINING}; {@code false} if it is already draining or closed.
   */
  boolean drain() {
    return transition(SessionState.DRAINING, null);
  }

  private boolean transition(SessionState to, @Nullable CloseReason reason) {
    boolean listened = manager().listeners().any();
    try (AutoLock ignored = transitionLock().lock()) {
      int before = status;
      SessionState from = stateOf(before);
      if (!from.canTransitionTo(to)) {
        return false;
      }
      int after =
          status(to, to == SessionState.CLOSED ? reason : null, VERSIONS[before >>> VERSION_SHIFT]);
      // Cannot fail while every writer holds the transition lock; the CAS keeps the state machine
      // honest should that ever change.
      if (!STATUS.compareAndSet(this, before, after)) {
        return false;
      }
      manager().afterTransition(this, from, to, reason);
      if (!listened) {
        return true;
      }
      enqueue(new SessionEvent(this, from, to, reason, manager().now()));
    }
    deliverPending();
    return true;
  }

  /** Appends an event in transition order; the caller holds {@link #transitionLock()}. */
  private void enqueue(SessionEvent event) {
    EventQueue queue = pendingEvents;
    if (queue == null) {
      queue = new EventQueue();
      pendingEvents = queue;
    }
    queue.add(event);
  }

  /**
   * Delivers queued events, in order, outside the transition lock, unless another thread already is
   * (then that thread delivers ours too: it only stops when it finds the queue empty under the
   * lock, and our event was queued before we got here). So at most one thread delivers a session's
   * events at any time, and none holds a lock while doing so: a listener may close other sessions
   * or create new ones (evicting others) without risking a lock-order deadlock.
   */
  private void deliverPending() {
    AutoLock lock = transitionLock();
    while (true) {
      SessionEvent next;
      EventQueue queue;
      try (AutoLock ignored = lock.lock()) {
        queue = pendingEvents;
        if (queue == null || queue.delivering) {
          return;
        }
        if (queue.isEmpty()) {
          // Idle sessions keep no queue (about 70 bytes each); enqueue makes a new one under this
          // lock when the next transition comes.
          pendingEvents = null;
          return;
        }
        next = queue.poll();
        // While set, nobody else replaces or drops this queue: only a thread that saw it not
        // delivering does, so the flag is cleared below on the queue that is still the session's.
        queue.delivering = true;
      }
      try {
        manager().listeners().publish(next);
      } finally {
        try (AutoLock ignored = lock.lock()) {
          queue.delivering = false;
        }
      }
    }
  }

  // ---------------------------------------------------------------- activity and expiry

  @Override
  public void touch() {
    touchAt(manager().nowMillis());
  }

  /**
   * Records activity at {@code nowMillis} if it is more than the granularity ahead; no allocation.
   */
  void touchAt(long nowMillis) {
    long last = (long) LAST_ACTIVITY.getOpaque(this);
    if (nowMillis - last > manager().timing().granularityMillis()
        && LAST_ACTIVITY.compareAndSet(this, last, nowMillis)) {
      StoreReplication replication = manager().replication();
      if (replication != null) {
        replication.touched(this, nowMillis);
      }
    }
  }

  /**
   * Adopts activity seen elsewhere (a shared store's record): moves last-activity forward to {@code
   * millis} if it is ahead, without telling the store, which it came from.
   */
  void adoptActivity(long millis) {
    long last;
    do {
      last = (long) LAST_ACTIVITY.getOpaque(this);
      if (millis <= last) {
        return;
      }
    } while (!LAST_ACTIVITY.compareAndSet(this, last, millis));
  }

  long lastActivityMillis() {
    return (long) LAST_ACTIVITY.getOpaque(this);
  }

  long createdAtMillis() {
    return createdAtMillis;
  }

  /**
   * The earliest of the idle, the lifetime and (while the handshake is pending) the handshake
   * deadline, epoch millis. Activation moves it later; the wheel finds that out when the entry's
   * bucket comes due and moves it then, so activation costs the wheel nothing.
   */
  long nextDeadlineMillis() {
    ExpiryTiming t = manager().timing();
    long deadline =
        Math.min(
            ExpiryTiming.plus(lastActivityMillis(), t.idleMillis()),
            ExpiryTiming.plus(createdAtMillis, t.lifetimeMillis()));
    return state() == SessionState.INITIALIZING
        ? Math.min(deadline, ExpiryTiming.plus(createdAtMillis, t.handshakeMillis()))
        : deadline;
  }

  /**
   * Tells whether a deadline has passed, and which came first.
   *
   * @param nowMillis the time to judge by
   * @return {@code HANDSHAKE_TIMEOUT}, {@code IDLE_EXPIRED} or {@code LIFETIME_EXPIRED}, or {@code
   *     null} if none passed
   */
  @Nullable CloseReason expiryReason(long nowMillis) {
    ExpiryTiming t = manager().timing();
    long idleDeadline = ExpiryTiming.plus(lastActivityMillis(), t.idleMillis());
    long lifetimeDeadline = ExpiryTiming.plus(createdAtMillis, t.lifetimeMillis());
    long earliest = Math.min(idleDeadline, lifetimeDeadline);
    if (state() == SessionState.INITIALIZING) {
      long handshakeDeadline = ExpiryTiming.plus(createdAtMillis, t.handshakeMillis());
      if (handshakeDeadline <= nowMillis && handshakeDeadline < earliest) {
        return CloseReason.HANDSHAKE_TIMEOUT;
      }
    }
    if (earliest > nowMillis) {
      return null;
    }
    return idleDeadline <= lifetimeDeadline
        ? CloseReason.IDLE_EXPIRED
        : CloseReason.LIFETIME_EXPIRED;
  }

  // ---------------------------------------------------------------- in-flight requests

  @Override
  public boolean tryEnter() {
    IN_FLIGHT.getAndAdd(this, 1);
    if (state().acceptsRequests()) {
      return true;
    }
    release();
    return false;
  }

  @Override
  public void exit() {
    release();
  }

  private void release() {
    int now = (int) IN_FLIGHT.getAndAdd(this, -1) - 1;
    if (now < 0) {
      IN_FLIGHT.getAndAdd(this, 1);
      throw new IllegalStateException(
          "exit() without a matching tryEnter() on session " + id + " in state " + state());
    }
    if (now == 0) {
      manager().quiescent();
    }
  }

  /** Whether an event queue is allocated; idle sessions whose events were delivered have none. */
  boolean holdsEventQueue() {
    try (AutoLock ignored = transitionLock().lock()) {
      return pendingEvents != null;
    }
  }

  /** This session's transition lock: its stripe's in {@link TransitionLocks}, shared, reentrant. */
  AutoLock transitionLock() {
    return TransitionLocks.of(hash());
  }

  @Override
  public int inFlight() {
    return (int) IN_FLIGHT.getVolatile(this);
  }

  // ---------------------------------------------------------------- attributes

  private ConcurrentHashMap<String, Object> attributeMap() {
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<String, Object> map =
        (ConcurrentHashMap<String, Object>) ATTRIBUTES.getAcquire(this);
    if (map != null) {
      return map;
    }
    ConcurrentHashMap<String, Object> fresh = new ConcurrentHashMap<>(4);
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<String, Object> witness =
        (ConcurrentHashMap<String, Object>) ATTRIBUTES.compareAndExchange(this, null, fresh);
    return witness == null ? fresh : witness;
  }

  private @Nullable ConcurrentHashMap<String, Object> attributeMapIfPresent() {
    @SuppressWarnings("unchecked")
    ConcurrentHashMap<String, Object> map =
        (ConcurrentHashMap<String, Object>) ATTRIBUTES.getAcquire(this);
    return map;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A value loaded from a store arrives as JSON and is converted to the key's type on first
   * read; if it does not fit that type, the attribute reads as absent.
   */
  @Override
  public <T> Optional<T> attribute(AttributeKey<T> key) {
    requireNonNull(key, "key");
    Map<String, Object> map = attributeMapIfPresent();
    Object value = map == null ? null : map.get(key.name());
    if (map == null || value == null) {
      return Optional.empty();
    }
    if (key.type().isInstance(value)) {
      return Optional.of(key.type().cast(value));
    }
    if (value instanceof JsonNode json) {
      Object decoded = AttributeCodec.fromJson(json, key.type());
      if (decoded != null) {
        map.replace(key.name(), value, decoded);
        return Optional.of(key.type().cast(decoded));
      }
    }
    return Optional.empty();
  }

  @Override
  public <T> @Nullable T putAttribute(AttributeKey<T> key, T value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    Object previous = attributeMap().put(key.name(), key.type().cast(value));
    if (AttributeCodec.toJson(value) != null
        || (previous != null && AttributeCodec.toJson(previous) != null)) {
      persist();
    }
    return castOrNull(key, previous);
  }

  @Override
  public <T> @Nullable T removeAttribute(AttributeKey<T> key) {
    requireNonNull(key, "key");
    Map<String, Object> map = attributeMapIfPresent();
    Object previous = map == null ? null : map.remove(key.name());
    if (previous != null && AttributeCodec.toJson(previous) != null) {
      persist();
    }
    return castOrNull(key, previous);
  }

  private static <T> @Nullable T castOrNull(AttributeKey<T> key, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof JsonNode json && !key.type().isInstance(json)) {
      Object decoded = AttributeCodec.fromJson(json, key.type());
      return decoded == null ? null : key.type().cast(decoded);
    }
    return key.type().isInstance(value) ? key.type().cast(value) : null;
  }

  /**
   * Writes the record through to the store (under the transition lock, so never after a delete).
   */
  private void persist() {
    StoreReplication replication = manager().replication();
    if (replication == null) {
      return;
    }
    try (AutoLock ignored = transitionLock().lock()) {
      if (state() != SessionState.CLOSED) {
        replication.save(this);
      }
    }
  }

  /** Builds the store record; the caller holds the transition lock and the state is not CLOSED. */
  SessionRecord toRecord() {
    Map<String, JsonNode> json = new HashMap<>();
    Map<String, Object> map = attributeMapIfPresent();
    if (map != null) {
      map.forEach(
          (name, value) -> {
            JsonNode node = AttributeCodec.toJson(value);
            if (node != null) {
              json.put(name, node);
            }
          });
    }
    long created = createdAtMillis;
    long last = Math.max(created, lastActivityMillis());
    return new SessionRecord(
        id,
        state(),
        Instant.ofEpochMilli(created),
        Instant.ofEpochMilli(last),
        protocolVersion(),
        profile.clientInfo,
        clientCapabilities(),
        principal == null ? null : principal.getName(),
        json);
  }

  // ---------------------------------------------------------------- plain getters

  @Override
  public SessionId id() {
    return id;
  }

  @Override
  public SessionState state() {
    return stateOf(status);
  }

  @Override
  public Optional<CloseReason> closeReason() {
    int current = status;
    int reason = (current >>> REASON_SHIFT) & REASON_BITS;
    return stateOf(current) == SessionState.CLOSED && reason != 0
        ? Optional.of(REASONS[reason - 1])
        : Optional.empty();
  }

  @Override
  public Instant createdAt() {
    return Instant.ofEpochMilli(createdAtMillis);
  }

  @Override
  public Instant lastActivity() {
    return Instant.ofEpochMilli(lastActivityMillis());
  }

  @Override
  public ProtocolVersion protocolVersion() {
    return VERSIONS[status >>> VERSION_SHIFT];
  }

  @Override
  public Optional<ClientInfo> clientInfo() {
    return Optional.ofNullable(profile.clientInfo);
  }

  @Override
  public JsonNode clientCapabilities() {
    JsonNode capabilities = profile.clientCapabilities;
    // A fresh node each time: nobody can write into an empty object that others then read.
    return capabilities != null ? capabilities : JsonNodeFactory.instance.objectNode();
  }

  @Override
  public Optional<Principal> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public String toString() {
    return "Session[" + id + ", " + state() + "]";
  }

  // ---------------------------------------------------------------- status bits and hash

  private static int status(
      SessionState state, @Nullable CloseReason reason, ProtocolVersion version) {
    return state.ordinal()
        | (reason == null ? 0 : reason.ordinal() + 1) << REASON_SHIFT
        | version.ordinal() << VERSION_SHIFT;
  }

  private static SessionState stateOf(int status) {
    return STATES[status & STATE_BITS];
  }

  /**
   * The id's hash, already spread ({@link SessionId#hashCode()}): picks the table stripe, the slot
   * and the transition lock. Reads only final fields, so it is safe inside an optimistic read.
   */
  int hash() {
    return id.hashCode();
  }

  private DefaultSessionManager manager() {
    return profile.manager;
  }
}
