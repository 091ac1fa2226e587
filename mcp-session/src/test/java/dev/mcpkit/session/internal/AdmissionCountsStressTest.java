package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionPolicy.AdmissionPolicy;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Many threads race creations (from a few client addresses), activations, closes, and handshake and
 * idle expiry while the clock moves; the bounds hold throughout and every count (pending,
 * established, per client) returns to zero once everything is closed.
 */
class AdmissionCountsStressTest {
  private static final int WORKERS = 8;
  private static final int ITERATIONS = 5_000;
  private static final int MAX_SESSIONS = 200;
  private static final int MAX_PENDING = 40;
  private static final int PER_CLIENT = 60;

  @ParameterizedTest
  @EnumSource(AdmissionPolicy.class)
  void countsStayWithinTheirBoundsAndReturnToZero(AdmissionPolicy admission) throws Exception {
    ManualClock clock = new ManualClock();
    DefaultSessionManager manager =
        (DefaultSessionManager)
            SessionManagers.builder()
                .policy(
                    SessionPolicy.builder()
                        .idleTimeout(Duration.ofMillis(500))
                        .touchGranularity(Duration.ofMillis(2))
                        .maxSessions(MAX_SESSIONS)
                        .maxPendingHandshakes(MAX_PENDING)
                        .handshakeTimeout(Duration.ofMillis(50))
                        .admissionPolicy(admission)
                        .clientLimits(
                            ClientLimits.builder()
                                .sessionsPerSecond(20_000)
                                .burst(30)
                                .maxSessionsPerClient(PER_CLIENT)
                                .maxTrackedClients(4)
                                .build())
                        .build())
                .clock(clock)
                .stripes(4)
                .expiryInterval(Duration.ZERO)
                .build();
    AtomicReferenceArray<Session> recent = new AtomicReferenceArray<>(256);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(WORKERS + 1);
    try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        SplittableRandom random = new SplittableRandom(0xAD_2026L + w);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ITERATIONS; i++) {
                    int op = random.nextInt(100);
                    Session picked = recent.get(random.nextInt(recent.length()));
                    if (op < 40 || picked == null) {
                      String address = "10.0.0." + random.nextInt(8); // 8 clients, 4 tracked idle
                      try {
                        Session s =
                            manager.create(
                                new SessionInit(
                                    ProtocolVersion.latest(),
                                    null,
                                    JsonNodeFactory.instance.objectNode(),
                                    null,
                                    address));
                        admitted.incrementAndGet();
                        recent.set(random.nextInt(recent.length()), s);
                      } catch (SessionAdmissionException e) {
                        refused.incrementAndGet();
                      }
                    } else if (op < 70) {
                      EngineSession.of(picked).activate();
                    } else if (op < 85) {
                      picked.close(CloseReason.CLIENT_REQUEST);
                    } else if (op < 95) {
                      manager.touch(picked.id());
                    } else {
                      manager.cleanUp();
                    }
                    assertBounds(manager);
                  }
                  return null;
                }));
      }
      Future<?> clockMover =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  clock.advance(Duration.ofMillis(1));
                  manager.cleanUp();
                  Thread.yield();
                }
                return null;
              });
      try {
        for (Future<?> f : workers) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        done.set(true);
      }
      clockMover.get(1, TimeUnit.MINUTES);
    }
    int bound = admission == AdmissionPolicy.REJECT_NEW ? MAX_SESSIONS : MAX_SESSIONS + MAX_PENDING;
    assertThat(manager.size()).isLessThanOrEqualTo(bound);
    assertThat(admitted.get()).isPositive();
    assertThat(refused.get()).isPositive(); // the limits were met, not just approached

    clock.advance(Duration.ofSeconds(5));
    manager.cleanUp();
    assertThat(manager.size()).isZero();
    assertThat(manager.pendingCount()).isZero();
    assertThat(manager.establishedCount()).isZero();
    assertThat(manager.clients().totalSessions()).isZero();
    manager.shutdown(Duration.ZERO);
  }

  private static void assertBounds(DefaultSessionManager manager) {
    // Every session in the table holds its slots (the manager's invariant), so these exact
    // counters bound the live sessions while the threads race. The table's size is a sum over its
    // stripes read one after another: mid-race it may count a creation in one stripe and miss the
    // close in another that made room for it, so it is checked once the threads are done.
    assertThat(manager.pendingCount()).isBetween(0, MAX_PENDING);
    assertThat(manager.establishedCount()).isBetween(0, MAX_SESSIONS);
    for (int c = 0; c < 8; c++) {
      assertThat(manager.clients().sessionsOf("address:10.0.0." + c)).isBetween(0, PER_CLIENT);
    }
  }
}
