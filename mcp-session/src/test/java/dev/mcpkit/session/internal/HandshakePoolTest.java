package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionAdmissionException.Reason;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionPolicy.AdmissionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pending-handshake pool, the handshake timeout, and how they meet {@code maxSessions}. */
class HandshakePoolTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);

  private final ManualClock clock = new ManualClock();
  private final RecordingListener events = new RecordingListener();
  private final List<DefaultSessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private DefaultSessionManager manager(int max, int pending, AdmissionPolicy admission) {
    DefaultSessionManager m =
        (DefaultSessionManager)
            SessionManagers.builder()
                .policy(
                    SessionPolicy.builder()
                        .idleTimeout(Duration.ofMinutes(10))
                        .maxSessions(max)
                        .maxPendingHandshakes(pending)
                        .handshakeTimeout(HANDSHAKE)
                        .admissionPolicy(admission)
                        .clientLimits(ClientLimits.unlimited())
                        .build())
                .clock(clock)
                .listener(events)
                .stripes(4)
                .expiryInterval(Duration.ZERO)
                .build();
    managers.add(m);
    return m;
  }

  private static Session pending(DefaultSessionManager m) {
    return m.create(SessionInit.of(ProtocolVersion.latest()));
  }

  private static Session established(DefaultSessionManager m) {
    Session s = pending(m);
    assertThat(EngineSession.of(s).activate()).isTrue();
    return s;
  }

  @ParameterizedTest
  @EnumSource(AdmissionPolicy.class)
  void aFullPoolRefusesNewHandshakesAndLeavesEstablishedSessionsAlone(AdmissionPolicy admission) {
    DefaultSessionManager m = manager(10, 3, admission);
    List<Session> kept = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      kept.add(established(m));
    }
    for (int i = 0; i < 3; i++) {
      pending(m);
    }

    assertThatThrownBy(() -> pending(m))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.HANDSHAKE_POOL_FULL);
              assertThat(e.isClientLimit()).isFalse();
              assertThat(e.retryAfter()).isEqualTo(HANDSHAKE);
            });
    assertThat(events.rejections).containsExactly(Reason.HANDSHAKE_POOL_FULL);
    assertThat(kept).allSatisfy(s -> assertThat(s.state()).isEqualTo(SessionState.ACTIVE));
    assertThat(m.pendingCount()).isEqualTo(3);
  }

  @Test
  void anUnfinishedHandshakeTimesOutThroughTheStateMachineAndFreesItsSlot() {
    DefaultSessionManager m = manager(10, 1, AdmissionPolicy.REJECT_NEW);
    Session stuck = pending(m);
    clock.advance(HANDSHAKE.minusMillis(1));
    assertThat(m.cleanUp()).isZero();
    assertThatThrownBy(() -> pending(m)).isInstanceOf(SessionAdmissionException.class);

    clock.advance(Duration.ofMillis(1));
    Session next = pending(m); // the full pool sweeps once before refusing: the slot is free

    assertThat(stuck.closeReason()).contains(CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(events.closeReasonsOf(stuck.id())).containsExactly(CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(m.lookup(stuck.id())).isNull();
    assertThat(next.state()).isEqualTo(SessionState.INITIALIZING);
    assertThat(m.pendingCount()).isEqualTo(1);
    assertThat(m.establishedCount()).isEqualTo(1); // next's reservation under REJECT_NEW
  }

  @Test
  void aCompletedHandshakeIsNoLongerSubjectToTheHandshakeTimeout() {
    DefaultSessionManager m = manager(10, 2, AdmissionPolicy.REJECT_NEW);
    Session session = established(m);
    clock.advance(HANDSHAKE.multipliedBy(3));
    assertThat(m.cleanUp()).isZero();
    assertThat(m.lookup(session.id())).isSameAs(session);
    assertThat(m.pendingCount()).isZero();
    assertThat(m.establishedCount()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    assertThat(m.cleanUp()).isEqualTo(1);
    assertThat(session.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(m.establishedCount()).isZero();
  }

  @Test
  void aPendingSessionLookedUpAfterItsTimeoutIsClosedOnTheSpot() {
    DefaultSessionManager m = manager(10, 2, AdmissionPolicy.REJECT_NEW);
    Session session = pending(m);
    clock.advance(HANDSHAKE);
    assertThat(m.touch(session.id())).isNull();
    assertThat(session.closeReason()).contains(CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(m.pendingCount()).isZero();
  }

  @Test
  void underRejectNewPendingHandshakesCountTowardMaxSessions() {
    DefaultSessionManager m = manager(4, 2, AdmissionPolicy.REJECT_NEW);
    established(m);
    established(m);
    Session a = pending(m);
    pending(m);
    assertThatThrownBy(() -> pending(m)) // full: the server-wide limit is the news
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_REACHED));

    a.close(CloseReason.CLIENT_REQUEST);
    established(m); // takes a's place
    assertThatThrownBy(() -> pending(m))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_REACHED));
    assertThat(m.size()).isEqualTo(4);
    assertThat(m.pendingCount()).isEqualTo(1);
    assertThat(m.establishedCount()).isEqualTo(4);
  }

  @Test
  void underEvictLongestIdleOnlyACompletedHandshakeEvictsAndOnlyEstablishedSessions() {
    DefaultSessionManager m = manager(3, 2, AdmissionPolicy.EVICT_LONGEST_IDLE);
    Session a = established(m);
    clock.advance(Duration.ofSeconds(1));
    Session b = established(m);
    clock.advance(Duration.ofSeconds(1));
    Session c = established(m);
    clock.advance(Duration.ofSeconds(1));
    a.touch(); // b is now the longest idle

    Session flood1 = pending(m);
    Session flood2 = pending(m);
    clock.advance(Duration.ofSeconds(1));
    assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.state().isTerminal()).isFalse());
    assertThat(m.size()).isEqualTo(5); // maxSessions + maxPendingHandshakes

    assertThat(EngineSession.of(flood2).activate()).isTrue();
    assertThat(b.closeReason()).contains(CloseReason.EVICTED);
    assertThat(flood1.state()).isEqualTo(SessionState.INITIALIZING); // pending ones are no victims
    assertThat(m.establishedCount()).isEqualTo(3);
    assertThat(m.pendingCount()).isEqualTo(1);
    assertThat(events.rejections).isEmpty();
  }

  @Test
  void aHandlesManagerOrTheEngineCanActivateAtOnce() {
    DefaultSessionManager m = manager(2, 1, AdmissionPolicy.EVICT_LONGEST_IDLE);
    Session first = established(m);
    clock.advance(Duration.ofSeconds(1));
    Session second = established(m);
    clock.advance(Duration.ofSeconds(1));
    Session third = established(m); // evicts first: never two pending slots needed
    assertThat(first.closeReason()).contains(CloseReason.EVICTED);
    assertThat(second.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(third.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(m.pendingCount()).isZero();
  }

  @ParameterizedTest
  @EnumSource(AdmissionPolicy.class)
  void shutdownReturnsEveryCountToZero(AdmissionPolicy admission) {
    DefaultSessionManager m = manager(10, 5, admission);
    established(m);
    established(m);
    pending(m);
    pending(m);
    m.shutdown(Duration.ZERO);
    assertThat(m.pendingCount()).isZero();
    assertThat(m.establishedCount()).isZero();
    assertThat(m.size()).isZero();
  }

  @Test
  void thePolicyBuilderChecksThePoolAgainstMaxSessions() {
    assertThat(SessionPolicy.defaults().maxPendingHandshakes()).isEqualTo(1_000);
    assertThat(SessionPolicy.builder().maxSessions(50).build().maxPendingHandshakes())
        .isEqualTo(50);
    assertThat(SessionPolicy.defaults().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> SessionPolicy.builder().maxSessions(5).maxPendingHandshakes(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPendingHandshakes");
    assertThatThrownBy(() -> SessionPolicy.builder().handshakeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("handshakeTimeout");
  }
}
