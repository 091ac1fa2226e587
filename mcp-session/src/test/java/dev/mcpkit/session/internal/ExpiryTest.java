package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {
  private static final Duration IDLE = Duration.ofMinutes(10);
  private static final Duration LIFETIME = Duration.ofHours(1);
  private static final Duration GRANULARITY = Duration.ofSeconds(1);

  private final ManualClock clock = new ManualClock();
  private final RecordingListener events = new RecordingListener();
  private final List<SessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private SessionManager manager(SessionPolicy policy, Duration expiryInterval) {
    SessionManager m =
        SessionManagers.builder()
            .policy(policy)
            .clock(clock)
            .listener(events)
            .stripes(4)
            .expiryInterval(expiryInterval)
            .build();
    managers.add(m);
    return m;
  }

  private SessionManager manager() {
    return manager(
        SessionPolicy.builder()
            .idleTimeout(IDLE)
            .maxLifetime(LIFETIME)
            .touchGranularity(GRANULARITY)
            .build(),
        Duration.ZERO);
  }

  /**
   * An established session (handshake completed): {@code maxSessions}, its admission policy and the
   * idle and lifetime deadlines are about those; pending handshakes have their own pool and timeout
   * ({@link HandshakePoolTest}).
   */
  private static Session create(SessionManager m) {
    Session session = m.create(SessionInit.of(ProtocolVersion.latest()));
    EngineSession.of(session).activate();
    return session;
  }

  @Test
  void idleSessionExpiresExactlyAtItsDeadlineAndIsReportedOnce() {
    SessionManager m = manager();
    Session session = create(m);

    clock.advance(IDLE.minusMillis(1));
    assertThat(m.cleanUp()).isZero();
    assertThat(m.lookup(session.id())).isSameAs(session);

    clock.advance(Duration.ofMillis(1));
    assertThat(m.cleanUp()).isEqualTo(1);
    assertThat(m.cleanUp()).isZero();

    assertThat(m.lookup(session.id())).isNull();
    assertThat(m.size()).isZero();
    assertThat(session.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.IDLE_EXPIRED);
  }

  @Test
  void lookupNeverReturnsAnExpiredSessionAndClosesItOnce() {
    SessionManager m = manager();
    Session session = create(m);

    clock.advance(IDLE);
    assertThat(m.lookup(session.id())).isNull();
    assertThat(m.touch(session.id())).isNull();
    assertThat(session.state()).isEqualTo(SessionState.CLOSED);
    assertThat(m.cleanUp()).isZero();
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.IDLE_EXPIRED);
  }

  @Test
  void touchPostponesIdleExpiry() {
    SessionManager m = manager();
    Session session = create(m);

    clock.advance(Duration.ofMinutes(6));
    assertThat(m.touch(session.id())).isSameAs(session);
    clock.advance(Duration.ofMinutes(6)); // 12 minutes old, 6 idle
    assertThat(m.cleanUp()).isZero();
    assertThat(m.lookup(session.id())).isSameAs(session);

    session.touch(); // the session's own touch counts too
    clock.advance(IDLE.minusMillis(1));
    assertThat(m.cleanUp()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(m.cleanUp()).isEqualTo(1);
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.IDLE_EXPIRED);
  }

  @Test
  void touchWithinGranularityDoesNotMoveLastActivity() {
    SessionManager m = manager();
    Session session = create(m);
    var created = session.lastActivity();

    clock.advance(GRANULARITY);
    m.touch(session.id());
    assertThat(session.lastActivity()).isEqualTo(created);

    clock.advance(Duration.ofMillis(1));
    m.touch(session.id());
    assertThat(session.lastActivity()).isEqualTo(clock.instant());
  }

  @Test
  void lifetimeEndsEvenAnActiveSession() {
    SessionManager m = manager();
    Session session = create(m);
    EngineSession.of(session).activate();

    for (int i = 0; i < 11; i++) { // 55 minutes, touched every 5
      clock.advance(Duration.ofMinutes(5));
      assertThat(m.touch(session.id())).isSameAs(session);
      assertThat(m.cleanUp()).isZero();
    }
    clock.advance(Duration.ofMinutes(5));
    assertThat(m.touch(session.id())).isNull();
    assertThat(events.closeReasonsOf(session.id())).containsExactly(CloseReason.LIFETIME_EXPIRED);
    assertThat(events.statesOf(session.id()))
        .containsExactly(SessionState.INITIALIZING, SessionState.ACTIVE, SessionState.CLOSED);
  }

  @Test
  void reasonIsTheDeadlineThatPassedFirst() {
    SessionManager m =
        manager(
            SessionPolicy.builder()
                .idleTimeout(Duration.ofMinutes(10))
                .maxLifetime(Duration.ofMinutes(15))
                .build(),
            Duration.ZERO);
    Session lifetimeFirst = create(m);
    clock.advance(Duration.ofMinutes(7));
    m.touch(lifetimeFirst.id()); // idle deadline 17, lifetime deadline 15
    Session idleFirst = create(m); // idle deadline 17, lifetime 22... created at 7

    clock.advance(Duration.ofMinutes(16)); // now 23: everything passed
    assertThat(m.cleanUp()).isEqualTo(2);

    assertThat(lifetimeFirst.closeReason()).contains(CloseReason.LIFETIME_EXPIRED);
    assertThat(idleFirst.closeReason()).contains(CloseReason.IDLE_EXPIRED);
  }

  @Test
  void cleanUpCountsOnlyExpiredSessionsAndSkipsClosedOnes() {
    SessionManager m = manager();
    SplittableRandom random = new SplittableRandom(42);
    List<Session> sessions = new ArrayList<>();
    List<Long> createdAt = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      clock.advance(Duration.ofMillis(random.nextInt(0, 500)));
      sessions.add(create(m));
      createdAt.add(clock.millis());
    }
    int closedByClient = 0;
    for (int i = 0; i < sessions.size(); i += 3) {
      sessions.get(i).close(CloseReason.CLIENT_REQUEST);
      closedByClient++;
    }

    int expiredTotal = 0;
    for (int step = 0; step < 40; step++) {
      clock.advance(Duration.ofSeconds(30));
      long now = clock.millis();
      long expected = 0;
      for (int i = 0; i < sessions.size(); i++) {
        boolean due = createdAt.get(i) + IDLE.toMillis() <= now;
        if (i % 3 != 0 && due && sessions.get(i).state() != SessionState.CLOSED) {
          expected++;
        }
      }
      int closed = m.cleanUp();
      assertThat(closed).as("step %d", step).isEqualTo(expected);
      expiredTotal += closed;
    }

    assertThat(expiredTotal + closedByClient).isEqualTo(sessions.size());
    assertThat(m.size()).isZero();
    for (Session s : sessions) {
      assertThat(events.closeReasonsOf(s.id())).hasSize(1);
    }
  }

  @Test
  void aPassAfterALongPauseStillFindsEverythingDue() {
    SessionManager m = manager();
    Session idle = create(m);
    Session busy = create(m);

    for (int i = 0; i < 50; i++) { // 5 idle timeouts without a pass: more than a wheel revolution
      clock.advance(Duration.ofMinutes(1));
      busy.touch();
    }

    assertThat(m.cleanUp()).isEqualTo(1);
    assertThat(idle.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(m.lookup(busy.id())).isSameAs(busy);
    clock.advance(IDLE);
    assertThat(m.cleanUp()).isEqualTo(1);
  }

  @Test
  void backgroundPassExpiresSessionsByItself() {
    SessionManager m =
        manager(
            SessionPolicy.builder().idleTimeout(IDLE).maxLifetime(LIFETIME).build(),
            Duration.ofMillis(5));
    Session session = create(m);

    clock.advance(IDLE);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(events.closeReasonsOf(session.id()))
                    .containsExactly(CloseReason.IDLE_EXPIRED));
    assertThat(m.size()).isZero();
  }
}
