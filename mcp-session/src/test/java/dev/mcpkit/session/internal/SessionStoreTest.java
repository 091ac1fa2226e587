package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.session.SessionManagers;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class SessionStoreTest {
  private static final AttributeKey<String> TENANT = AttributeKey.of("tenant", String.class);
  private static final AttributeKey<Integer> QUOTA = AttributeKey.of("quota", Integer.class);
  private static final AttributeKey<Object> LOCAL = AttributeKey.of("local", Object.class);

  private final ManualClock clock = new ManualClock();
  private final CountingStore store = new CountingStore(SessionManagers.inMemoryStore());
  private final List<SessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private SessionManager manager(RecordingListener listener, int maxSessions) {
    SessionManager m =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .idleTimeout(Duration.ofMinutes(10))
                    .touchGranularity(Duration.ofSeconds(1))
                    .maxSessions(maxSessions)
                    .build())
            .clock(clock)
            .store(store)
            .listener(listener)
            .expiryInterval(Duration.ZERO)
            .build();
    managers.add(m);
    return m;
  }

  private static SessionInit init() {
    Principal alice = () -> "alice";
    return new SessionInit(
        ProtocolVersion.V2025_06_18,
        new ClientInfo("probe", "1.0", null),
        JsonNodeFactory.instance.objectNode().put("sampling", true),
        alice);
  }

  @Test
  void recordsAreWrittenThroughOnCreateStateChangesAndAttributesAndDeletedOnClose() {
    SessionManager m = manager(new RecordingListener(), 100);
    Session session = m.create(init());

    SessionRecord created = store.load(session.id()).orElseThrow();
    assertThat(created.state()).isEqualTo(SessionState.INITIALIZING);
    assertThat(created.principalName()).isEqualTo("alice");
    assertThat(created.protocolVersion()).isEqualTo(ProtocolVersion.V2025_06_18);
    assertThat(created.createdAt()).isEqualTo(clock.instant());

    EngineSession.of(session).activate();
    session.putAttribute(TENANT, "acme");
    session.putAttribute(LOCAL, new Object()); // not JSON-representable: stays local
    SessionRecord active = store.load(session.id()).orElseThrow();
    assertThat(active.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(active.attributes()).containsOnlyKeys("tenant");
    assertThat(active.attributes().get("tenant").stringValue()).isEqualTo("acme");

    session.close(CloseReason.CLIENT_REQUEST);
    assertThat(store.load(session.id())).isEmpty();
  }

  @Test
  void touchesReachTheStoreAtMostOncePerGranularity() {
    SessionManager m = manager(new RecordingListener(), 100);
    Session session = m.create(init());

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMillis(100)); // 1 s in total: never more than the granularity
      m.touch(session.id());
    }
    assertThat(store.touches.get()).isZero();

    clock.advance(Duration.ofMillis(1));
    m.touch(session.id());
    m.touch(session.id());
    assertThat(store.touches.get()).isEqualTo(1);
    assertThat(store.load(session.id()).orElseThrow().lastActivity()).isEqualTo(clock.instant());
  }

  @Test
  void twoManagersSharingAStoreServeEachOthersSessions() {
    RecordingListener eventsA = new RecordingListener();
    RecordingListener eventsB = new RecordingListener();
    SessionManager a = manager(eventsA, 100);
    SessionManager b = manager(eventsB, 100);
    Session original = a.create(init());
    EngineSession.of(original).activate();
    original.putAttribute(TENANT, "acme");
    original.putAttribute(QUOTA, 42);

    clock.advance(Duration.ofMinutes(1));
    Session seen = b.touch(original.id());

    assertThat(seen).isNotNull().isNotSameAs(original);
    assertThat(seen.id()).isEqualTo(original.id());
    assertThat(seen.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(seen.createdAt()).isEqualTo(original.createdAt());
    assertThat(seen.lastActivity()).isEqualTo(clock.instant());
    assertThat(seen.protocolVersion()).isEqualTo(ProtocolVersion.V2025_06_18);
    assertThat(seen.clientInfo()).contains(new ClientInfo("probe", "1.0", null));
    assertThat(seen.clientCapabilities().get("sampling").booleanValue()).isTrue();
    assertThat(seen.principal()).map(Principal::getName).contains("alice");
    assertThat(seen.attribute(TENANT)).contains("acme");
    assertThat(seen.attribute(QUOTA)).contains(42);
    assertThat(b.lookup(original.id())).isSameAs(seen);
    assertThat(b.size()).isEqualTo(1);
    assertThat(eventsB.statesOf(original.id()))
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE);

    assertThat(b.close(original.id(), CloseReason.CLIENT_REQUEST)).isTrue();
    assertThat(store.load(original.id())).isEmpty();
    assertThat(eventsB.closeReasonsOf(original.id())).containsExactly(CloseReason.CLIENT_REQUEST);
  }

  @Test
  void expiredOrUnknownRecordsAreNotRehydrated() {
    SessionManager a = manager(new RecordingListener(), 100);
    SessionManager b = manager(new RecordingListener(), 100);
    Session session = a.create(init());

    assertThat(b.lookup(SessionIdGenerator.next())).isNull();
    clock.advance(Duration.ofMinutes(10));
    assertThat(b.lookup(session.id())).isNull();
    assertThat(b.size()).isZero();
  }

  @Test
  void rehydrationRespectsTheAdmissionLimit() {
    SessionManager a = manager(new RecordingListener(), 100);
    SessionManager b = manager(new RecordingListener(), 1);
    Session mine = b.create(init());
    Session theirs = a.create(init());

    assertThat(b.lookup(theirs.id())).isNull();
    mine.close(CloseReason.CLIENT_REQUEST);
    assertThat(b.lookup(theirs.id())).isNotNull();
  }

  @Test
  void anIdleDeadlinePassedHereIsCheckedAgainstActivityOnAnotherManager() {
    RecordingListener eventsA = new RecordingListener();
    SessionManager a = manager(eventsA, 100);
    SessionManager b = manager(new RecordingListener(), 100);
    Session session = a.create(init());
    EngineSession.of(session).activate();
    clock.advance(Duration.ofMinutes(6));
    Instant servedByB = clock.instant();
    assertThat(b.touch(session.id())).isNotNull(); // served by b only from now on

    clock.advance(Duration.ofMinutes(6)); // a's own view: idle for 12 minutes
    assertThat(a.cleanUp()).isZero();
    assertThat(a.lookup(session.id())).isSameAs(session);
    assertThat(session.lastActivity()).isEqualTo(servedByB);
    assertThat(eventsA.closeReasonsOf(session.id())).isEmpty();

    clock.advance(Duration.ofMinutes(5)); // 11 minutes after b's touch: idle everywhere
    assertThat(a.cleanUp()).isEqualTo(1);
    assertThat(eventsA.closeReasonsOf(session.id())).containsExactly(CloseReason.IDLE_EXPIRED);
    assertThat(store.load(session.id())).isEmpty();
  }

  @Test
  void aRecordGoneFromTheStoreExpiresTheLocalCopyAtItsIdleDeadline() {
    SessionManager a = manager(new RecordingListener(), 100);
    Session session = a.create(init());
    EngineSession.of(session).activate();
    store.delete(session.id()); // e.g. expired inside a remote store

    clock.advance(Duration.ofMinutes(10));
    assertThat(a.touch(session.id())).isNull();
    assertThat(session.closeReason()).contains(CloseReason.IDLE_EXPIRED);
  }

  @Test
  void aShutdownLeavesTheRecordsForTheOtherManagersAndForARestart() {
    SessionManager a = manager(new RecordingListener(), 100);
    Session session = a.create(init());
    EngineSession.of(session).activate();

    a.shutdown(Duration.ZERO);

    assertThat(session.closeReason()).contains(CloseReason.SERVER_SHUTDOWN);
    assertThat(store.load(session.id())).isPresent();
    SessionManager restarted = manager(new RecordingListener(), 100);
    Session again = restarted.touch(session.id());
    assertThat(again).isNotNull();
    assertThat(again.state()).isEqualTo(SessionState.ACTIVE);
  }

  @Test
  void anEvictionMakesRoomHereButLeavesTheRecordForTheOtherManagers() {
    SessionManager small =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .idleTimeout(Duration.ofMinutes(10))
                    .maxSessions(1)
                    .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
                    .build())
            .clock(clock)
            .store(store)
            .expiryInterval(Duration.ZERO)
            .build();
    managers.add(small);
    Session first = small.create(init());
    EngineSession.of(first).activate();
    clock.advance(Duration.ofSeconds(5));
    // Under EVICT_LONGEST_IDLE, a new session evicts when its handshake completes.
    EngineSession.of(small.create(init())).activate();

    assertThat(first.closeReason()).contains(CloseReason.EVICTED);
    assertThat(store.load(first.id())).isPresent();
    assertThat(manager(new RecordingListener(), 100).touch(first.id())).isNotNull();
  }

  @Test
  void removalsTheStoreReportsCloseTheLocalCopyWithTheirReason() {
    RecordingListener events = new RecordingListener();
    SessionManager a = manager(events, 100);
    Session session = a.create(init());
    assertThat(store.watchers).hasSize(1);

    store.watchers.getFirst().removed(session.id(), CloseReason.CLIENT_REQUEST);
    store
        .watchers
        .getFirst()
        .removed(SessionIdGenerator.next(), CloseReason.CLIENT_REQUEST); // unknown: ignored

    assertThat(a.lookup(session.id())).isNull();
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.CLIENT_REQUEST);
  }

  @Test
  void aResyncClosesTheCopiesWhoseRecordIsGone() {
    SessionManager a = manager(new RecordingListener(), 100);
    Session kept = a.create(init());
    Session gone = a.create(init());
    store.delete(gone.id());

    store.watchers.getFirst().resync();

    assertThat(a.lookup(kept.id())).isSameAs(kept);
    assertThat(a.lookup(gone.id())).isNull();
    assertThat(a.size()).isEqualTo(1);
  }

  @Test
  void anUnreachableStoreFailsCreationAndRehydrationWithoutLeavingAnything() {
    RecordingListener events = new RecordingListener();
    SessionManager a = manager(events, 1);
    Session elsewhere = manager(new RecordingListener(), 100).create(init());
    store.unavailable = true;

    assertThatThrownBy(() -> a.create(init())).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> a.touch(elsewhere.id())).isInstanceOf(StoreUnavailableException.class);
    assertThat(a.size()).isZero();
    assertThat(events.events).isEmpty();

    store.unavailable = false; // recovered: the slot was given back, the record is still there
    assertThat(a.touch(elsewhere.id())).isNotNull();
  }

  @Test
  void expiryIsPostponedWhileTheStoreCannotBeAsked() {
    SessionManager a = manager(new RecordingListener(), 100);
    Session session = a.create(init());
    clock.advance(Duration.ofMinutes(10));
    store.unavailable = true;

    assertThat(a.cleanUp()).isZero();
    assertThat(session.state()).isNotEqualTo(SessionState.CLOSED);

    store.unavailable = false;
    assertThat(a.cleanUp()).isEqualTo(1);
  }

  /** Delegates to a store, counts touches, can fail as unreachable; thread-safe. */
  private static final class CountingStore extends ForwardingSessionStore {
    final AtomicInteger touches = new AtomicInteger();
    volatile boolean unavailable;

    CountingStore(SessionStore delegate) {
      super(delegate);
    }

    @Override
    public void save(SessionRecord record) {
      failIfUnavailable();
      super.save(record);
    }

    @Override
    public Optional<SessionRecord> load(SessionId id) {
      failIfUnavailable();
      return super.load(id);
    }

    @Override
    public boolean delete(SessionId id) {
      failIfUnavailable();
      return super.delete(id);
    }

    @Override
    public void touch(SessionId id, Instant lastActivity) {
      touches.incrementAndGet();
      delegate.touch(id, lastActivity);
    }

    private void failIfUnavailable() {
      if (unavailable) {
        throw new StoreUnavailableException("store down (test)", null);
      }
    }
  }
}
