package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.AttributeKey;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionLifecycleTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingListener events = new RecordingListener();
  private SessionManager manager =
      SessionManagers.builder().clock(clock).listener(events).expiryInterval(Duration.ZERO).build();

  @AfterEach
  void tearDown() {
    manager.shutdown(Duration.ZERO);
  }

  private Session create() {
    return manager.create(SessionInit.of(ProtocolVersion.latest()));
  }

  @Test
  void createdSessionIsInitializingAndFindable() {
    Session session = create();

    assertThat(session.state()).isEqualTo(SessionState.INITIALIZING);
    assertThat(session.createdAt()).isEqualTo(clock.instant());
    assertThat(session.lastActivity()).isEqualTo(clock.instant());
    assertThat(session.protocolVersion()).isEqualTo(ProtocolVersion.latest());
    assertThat(session.closeReason()).isEmpty();
    assertThat(session.principal()).isEmpty();
    assertThat(manager.lookup(session.id())).isSameAs(session);
    assertThat(manager.size()).isEqualTo(1);
    assertThat(events.of(session.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.isCreation()).isTrue();
              assertThat(e.to()).isEqualTo(SessionState.INITIALIZING);
              assertThat(e.session()).isSameAs(session);
              assertThat(e.at()).isEqualTo(clock.instant());
            });
  }

  @Test
  void theManagerCompletesAHandshakeByIdOnce() {
    Session session = create();

    assertThat(manager.activate(session.id())).isTrue();
    assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(manager.activate(session.id())).as("already active").isFalse();
    assertThat(manager.activate(SessionId.of("no-such-session"))).as("unknown").isFalse();
    assertThat(session.close(CloseReason.CLIENT_REQUEST)).isTrue();
    assertThat(manager.activate(session.id())).as("closed").isFalse();
  }

  @Test
  void anIdleSessionWhoseEventsWereDeliveredKeepsNoEventQueue() {
    ManagedSession session = (ManagedSession) create();
    assertThat(session.holdsEventQueue()).as("after creation was delivered").isFalse();

    assertThat(EngineSession.of(session).activate()).isTrue();
    assertThat(session.holdsEventQueue()).as("after activation was delivered").isFalse();
    assertThat(session.close(CloseReason.CLIENT_REQUEST)).isTrue();

    // A queue dropped when empty is made again for the next transition: nothing is lost or
    // reordered.
    assertThat(events.of(session.id()))
        .extracting(SessionEvent::to)
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE, SessionState.CLOSED);
  }

  @Test
  void inFlightCountsEnteredRequestsUntilTheyExit() {
    Session session = create();

    assertThat(EngineSession.of(session).tryEnter()).isTrue();
    assertThat(EngineSession.of(session).tryEnter()).isTrue();
    assertThat(EngineSession.of(session).inFlight()).isEqualTo(2);
    EngineSession.of(session).exit();
    EngineSession.of(session).exit();
    assertThat(EngineSession.of(session).inFlight()).isZero();
    assertThatThrownBy(EngineSession.of(session)::exit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a matching tryEnter");
    assertThat(EngineSession.of(session).inFlight())
        .as("a stray exit leaves the count at zero")
        .isZero();
  }

  @Test
  void activateThenCloseNotifiesEachTransitionOnce() {
    Session session = create();

    assertThat(EngineSession.of(session).activate()).isTrue();
    assertThat(EngineSession.of(session).activate()).isFalse();
    assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(session.close(CloseReason.CLIENT_REQUEST)).isTrue();
    assertThat(session.close(CloseReason.ERROR)).isFalse();
    assertThat(EngineSession.of(session).activate()).isFalse();

    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(session.closeReason()).contains(CloseReason.CLIENT_REQUEST);
    assertThat(events.statesOf(session.id()))
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE, SessionState.CLOSED);
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.CLIENT_REQUEST);
    assertThat(manager.lookup(session.id())).isNull();
    assertThat(manager.touch(session.id())).isNull();
    assertThat(manager.size()).isZero();
  }

  @Test
  void closeByIdClosesOnceAndUnknownIdsAreFalse() {
    Session session = create();

    assertThat(manager.close(session.id(), CloseReason.CLIENT_REQUEST)).isTrue();
    assertThat(manager.close(session.id(), CloseReason.CLIENT_REQUEST)).isFalse();
    assertThat(manager.close(SessionIdGenerator.next(), CloseReason.CLIENT_REQUEST)).isFalse();
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.CLIENT_REQUEST);
  }

  @Test
  void throwingListenerDoesNotAffectOthersOrTheSession() {
    List<SessionEvent> seen = new CopyOnWriteArrayList<>();
    manager.shutdown(Duration.ZERO);
    manager =
        SessionManagers.builder()
            .clock(clock)
            .expiryInterval(Duration.ZERO)
            .listener(
                event -> {
                  throw new IllegalStateException("listener failure (expected by the test)");
                })
            .listener(seen::add)
            .build();

    Session session = create();
    assertThat(EngineSession.of(session).activate()).isTrue();
    assertThat(session.close(CloseReason.CLIENT_REQUEST)).isTrue();

    assertThat(seen)
        .extracting(SessionEvent::to)
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE, SessionState.CLOSED);
  }

  @Test
  void listenerThatClosesTheSessionSeesEventsInOrder() {
    List<SessionEvent> second = new CopyOnWriteArrayList<>();
    manager.shutdown(Duration.ZERO);
    manager =
        SessionManagers.builder()
            .clock(clock)
            .expiryInterval(Duration.ZERO)
            .listener(
                event -> {
                  if (event.to() == SessionState.ACTIVE) {
                    event.session().close(CloseReason.ERROR); // re-entrant transition
                  }
                })
            .listener(second::add)
            .build();

    Session session = create();
    assertThat(EngineSession.of(session).activate()).isTrue();

    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(second)
        .extracting(SessionEvent::to)
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE, SessionState.CLOSED);
  }

  @Test
  void listenersClosingEachOthersSessionsFromTwoThreadsDoNotDeadlock() throws Exception {
    Map<SessionId, Session> partner = new ConcurrentHashMap<>();
    manager.shutdown(Duration.ZERO);
    manager =
        SessionManagers.builder()
            .clock(clock)
            .expiryInterval(Duration.ZERO)
            .policy(SessionPolicy.builder().maxSessions(100_000).build())
            .listener(
                event -> {
                  Session other = partner.get(event.session().id());
                  if (event.to() == SessionState.CLOSED && other != null) {
                    other.close(CloseReason.ERROR);
                  }
                })
            .build();
    int pairs = 2_000;
    List<Session[]> all = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Session a = create();
      Session b = create();
      // Established, as in a real pair of clients: 4,000 pending handshakes exceed the pool.
      EngineSession.of(a).activate();
      EngineSession.of(b).activate();
      partner.put(a.id(), b);
      partner.put(b.id(), a);
      all.add(new Session[] {a, b});
    }
    CyclicBarrier start = new CyclicBarrier(2);
    // Daemon threads and shutdownNow: if the listeners did deadlock, the test fails instead of
    // hanging.
    ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().factory());
    try {
      Future<?> first =
          pool.submit(
              () -> {
                start.await();
                all.forEach(pair -> pair[0].close(CloseReason.CLIENT_REQUEST));
                return null;
              });
      Future<?> second =
          pool.submit(
              () -> {
                start.await();
                all.forEach(pair -> pair[1].close(CloseReason.CLIENT_REQUEST));
                return null;
              });
      first.get(30, TimeUnit.SECONDS);
      second.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(manager.size()).isZero();
  }

  @Test
  void tryEnterCountsInFlightAndFailsOnceClosed() {
    Session session = create();

    assertThat(EngineSession.of(session).tryEnter()).isTrue();
    assertThat(EngineSession.of(session).tryEnter()).isTrue();
    assertThat(EngineSession.of(session).inFlight()).isEqualTo(2);
    EngineSession.of(session).exit();
    EngineSession.of(session).exit();
    assertThat(EngineSession.of(session).inFlight()).isZero();
    assertThatThrownBy(EngineSession.of(session)::exit)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INITIALIZING");
    assertThat(EngineSession.of(session).inFlight()).isZero();

    session.close(CloseReason.CLIENT_REQUEST);
    assertThat(EngineSession.of(session).tryEnter()).isFalse();
    assertThat(EngineSession.of(session).inFlight()).isZero();
  }

  @Test
  void attributesAreTypedAndRemovable() {
    Session session = create();
    AttributeKey<String> tenant = AttributeKey.of("tenant", String.class);
    AttributeKey<Integer> quota = AttributeKey.of("quota", Integer.class);

    assertThat(session.attribute(tenant)).isEmpty();
    assertThat(session.putAttribute(tenant, "acme")).isNull();
    assertThat(session.putAttribute(tenant, "globex")).isEqualTo("acme");
    assertThat(session.putAttribute(quota, 7)).isNull();
    assertThat(session.attribute(tenant)).contains("globex");
    assertThat(session.attribute(quota)).contains(7);
    assertThat(session.attribute(AttributeKey.of("tenant", Integer.class))).isEmpty();
    assertThat(session.removeAttribute(tenant)).isEqualTo("globex");
    assertThat(session.removeAttribute(tenant)).isNull();
    assertThat(session.attribute(tenant)).isEmpty();
  }

  @Test
  void forEachVisitsLiveSessionsOnly() {
    Session a = create();
    Session b = create();
    Session c = create();
    c.close(CloseReason.CLIENT_REQUEST);

    List<Session> visited = new ArrayList<>();
    manager.forEach(visited::add);

    assertThat(visited).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void idsAreUniqueUnguessableVisibleAscii() {
    Session a = create();
    Session b = create();
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.id().value()).matches("[A-Za-z0-9_-]{22}");
  }
}
