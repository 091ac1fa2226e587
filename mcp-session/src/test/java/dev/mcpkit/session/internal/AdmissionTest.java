package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionAdmissionException.Reason;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionPolicy.AdmissionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final ManualClock clock = new ManualClock();
  private final RecordingListener events = new RecordingListener();
  private final List<SessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private SessionManager manager(int max, AdmissionPolicy admission) {
    SessionManager m =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .idleTimeout(Duration.ofMinutes(10))
                    .maxSessions(max)
                    .admissionPolicy(admission)
                    .build())
            .clock(clock)
            .listener(events)
            .stripes(8)
            .expiryInterval(Duration.ZERO)
            .build();
    managers.add(m);
    return m;
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
  void rejectNewRefusesAtTheLimitAndTellsListeners() {
    SessionManager m = manager(3, AdmissionPolicy.REJECT_NEW);
    Session first = create(m);
    create(m);
    create(m);

    assertThatThrownBy(() -> create(m))
        .isInstanceOfSatisfying(
            SessionAdmissionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LIMIT_REACHED))
        .hasMessageContaining("3");
    assertThat(events.rejections).containsExactly(Reason.LIMIT_REACHED);
    assertThat(m.size()).isEqualTo(3);
    assertThat(first.state().isTerminal()).isFalse();

    first.close(CloseReason.CLIENT_REQUEST);
    assertThat(create(m)).isNotNull();
    assertThat(m.size()).isEqualTo(3);
  }

  @Test
  void expiredSessionsDoNotCountAgainstTheLimit() {
    SessionManager m = manager(2, AdmissionPolicy.REJECT_NEW);
    Session old = create(m);
    clock.advance(Duration.ofMinutes(5));
    create(m);
    clock.advance(Duration.ofMinutes(5)); // old is past its idle deadline, not yet swept

    assertThat(create(m)).isNotNull();
    assertThat(old.closeReason()).contains(CloseReason.IDLE_EXPIRED);
    assertThat(events.rejections).isEmpty();
  }

  @Test
  void evictLongestIdleClosesTheLongestIdleSession() {
    SessionManager m = manager(3, AdmissionPolicy.EVICT_LONGEST_IDLE);
    Session a = create(m);
    clock.advance(Duration.ofSeconds(1));
    Session b = create(m);
    clock.advance(Duration.ofSeconds(1));
    Session c = create(m);
    clock.advance(Duration.ofSeconds(1));
    a.touch(); // now b is the longest idle, then c, then a

    Session d = create(m);
    assertThat(b.closeReason()).contains(CloseReason.EVICTED);
    assertThat(events.closeReasonsOf(b.id())).containsExactly(CloseReason.EVICTED);
    assertThat(m.lookup(b.id())).isNull();

    clock.advance(Duration.ofSeconds(1));
    create(m);
    assertThat(c.closeReason()).contains(CloseReason.EVICTED);
    assertThat(a.state().isTerminal()).isFalse();
    assertThat(d.state().isTerminal()).isFalse();
    assertThat(m.size()).isEqualTo(3);
    assertThat(events.rejections).isEmpty();
  }

  @Test
  void concurrentCreatorsNeverExceedTheLimit() throws Exception {
    int max = 50;
    int threads = 16;
    SessionManager m = manager(max, AdmissionPolicy.REJECT_NEW);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 20; i++) {
                    try {
                      create(m);
                      admitted.incrementAndGet();
                    } catch (SessionAdmissionException e) {
                      rejected.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(admitted.get()).isEqualTo(max);
    assertThat(rejected.get()).isEqualTo(threads * 20 - max);
    assertThat(m.size()).isEqualTo(max);
  }

  @Test
  void concurrentCreatorsWithEvictionStayAtTheLimit() throws Exception {
    int max = 20;
    int threads = 12;
    SessionManager m = manager(max, AdmissionPolicy.EVICT_LONGEST_IDLE);
    CyclicBarrier start = new CyclicBarrier(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 50; i++) {
                    create(m);
                    // Established sessions stay at the limit; each thread may add one pending.
                    assertThat(((DefaultSessionManager) m).establishedCount())
                        .isLessThanOrEqualTo(max);
                    assertThat(m.size()).isLessThanOrEqualTo(max + threads);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(m.size()).isEqualTo(max);
    long evicted =
        events.events.keySet().stream()
            .filter(id -> events.closeReasonsOf(id).contains(CloseReason.EVICTED))
            .count();
    assertThat(evicted).isEqualTo(threads * 50L - max);
  }
}
