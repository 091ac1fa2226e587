package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Many threads create, look up, touch, enter, activate, close and expire sessions at once while one
 * thread moves the clock; afterwards the bookkeeping must add up and every session's event history
 * must be a complete, legal, non-overlapping sequence.
 */
class ConcurrencyStressTest {
  private static final int WORKERS = 10;
  private static final int ITERATIONS = 6_000;
  private static final long SEED = 0x5EED_2026L;

  /** Records events and checks that calls for one session never overlap. */
  private static final class CheckingListener implements SessionListener {
    final Map<SessionId, Queue<SessionEvent>> events = new ConcurrentHashMap<>();
    final Map<SessionId, AtomicBoolean> inCall = new ConcurrentHashMap<>();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();

    @Override
    public void onSessionEvent(SessionEvent event) {
      SessionId id = event.session().id();
      AtomicBoolean busy = inCall.computeIfAbsent(id, k -> new AtomicBoolean());
      if (!busy.compareAndSet(false, true)) {
        violations.add("overlapping listener calls for " + id);
      }
      events.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(event);
      busy.set(false);
    }
  }

  @Test
  void invariantsHoldUnderConcurrentChurn() throws Exception {
    ManualClock clock = new ManualClock();
    CheckingListener listener = new CheckingListener();
    SessionManager manager =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .idleTimeout(Duration.ofMillis(300))
                    .maxLifetime(Duration.ofMillis(400))
                    .touchGranularity(Duration.ofMillis(2))
                    .maxSessions(700)
                    .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
                    .maxPendingHandshakes(100)
                    .handshakeTimeout(Duration.ofMillis(200))
                    .build())
            .clock(clock)
            .listener(listener)
            .stripes(4)
            .expiryInterval(Duration.ZERO)
            .build();

    AtomicReferenceArray<Session> recent = new AtomicReferenceArray<>(512);
    AtomicInteger created = new AtomicInteger();
    AtomicInteger closedByClient = new AtomicInteger();
    AtomicInteger expiredByCleanUp = new AtomicInteger();
    AtomicBoolean workersDone = new AtomicBoolean();
    AtomicInteger operations = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(WORKERS + 1);

    try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        SplittableRandom random = new SplittableRandom(SEED + w);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ITERATIONS; i++) {
                    operations.incrementAndGet();
                    int op = random.nextInt(100);
                    Session picked = recent.get(random.nextInt(recent.length()));
                    if (op < 20 || picked == null) {
                      Session s;
                      try {
                        s = manager.create(SessionInit.of(ProtocolVersion.latest()));
                      } catch (SessionAdmissionException e) {
                        // The pool of pending handshakes is full: nothing is evicted for them.
                        assertThat(e.reason())
                            .isEqualTo(SessionAdmissionException.Reason.HANDSHAKE_POOL_FULL);
                        continue;
                      }
                      created.incrementAndGet();
                      recent.set(random.nextInt(recent.length()), s);
                    } else if (op < 40) {
                      Session found = manager.lookup(picked.id());
                      if (found != null) {
                        assertThat(found.id()).isEqualTo(picked.id());
                      }
                    } else if (op < 60) {
                      manager.touch(picked.id());
                    } else if (op < 70) {
                      if (random.nextBoolean()
                          ? picked.close(CloseReason.CLIENT_REQUEST)
                          : manager.close(picked.id(), CloseReason.CLIENT_REQUEST)) {
                        closedByClient.incrementAndGet();
                      }
                    } else if (op < 80) {
                      EngineSession.of(picked).activate();
                    } else if (op < 88) {
                      if (EngineSession.of(picked).tryEnter()) {
                        picked.touch();
                        EngineSession.of(picked).exit();
                      }
                    } else if (op < 92) {
                      expiredByCleanUp.addAndGet(manager.cleanUp());
                    } else {
                      AtomicInteger visited = new AtomicInteger();
                      manager.forEach(s -> visited.incrementAndGet());
                      // maxSessions established plus maxPendingHandshakes pending.
                      assertThat(visited.get()).isLessThanOrEqualTo(800);
                    }
                  }
                  return null;
                }));
      }
      Future<?> clockMover =
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(SEED - 1);
                start.await();
                // Moves the clock 1 ms per 20 operations (whatever the scheduling), so sessions
                // live a few
                // hundred operations and expire, by idle timeout and by lifetime, while the workers
                // run.
                int accounted = 0;
                for (int i = 0; !workersDone.get(); i++) {
                  int steps = (operations.get() - accounted) / 20;
                  if (steps == 0) {
                    Thread.yield();
                    continue;
                  }
                  accounted += steps * 20;
                  clock.advance(Duration.ofMillis(steps + random.nextInt(0, 2)));
                  expiredByCleanUp.addAndGet(manager.cleanUp());
                }
                return null;
              });
      try {
        for (Future<?> f : workers) {
          f.get(2, TimeUnit.MINUTES);
        }
      } finally {
        workersDone.set(true); // also when a worker failed: the clock mover must stop
      }
      clockMover.get(1, TimeUnit.MINUTES);
    }

    // Bookkeeping while sessions are still live.
    int closedEvents = countClosed(listener);
    assertThat(manager.size()).isEqualTo(created.get() - closedEvents);
    assertThat(listener.events).hasSize(created.get());
    assertThat(countReason(listener, CloseReason.CLIENT_REQUEST)).isEqualTo(closedByClient.get());
    assertThat(
            countReason(listener, CloseReason.IDLE_EXPIRED)
                + countReason(listener, CloseReason.LIFETIME_EXPIRED)
                + countReason(listener, CloseReason.HANDSHAKE_TIMEOUT))
        .isGreaterThanOrEqualTo(expiredByCleanUp.get());
    List<Session> live = new ArrayList<>();
    manager.forEach(live::add);
    assertThat(live).hasSize(manager.size());
    assertThat(live).allMatch(s -> EngineSession.of(s).inFlight() == 0 && !s.state().isTerminal());

    // Let everything expire; then every session must have been closed exactly once.
    clock.advance(Duration.ofSeconds(2));
    int last = manager.cleanUp();
    assertThat(last).isEqualTo(live.size());
    assertThat(manager.size()).isZero();
    assertThat(countClosed(listener)).isEqualTo(created.get());
    assertHistoriesAreLegal(listener);
    DefaultSessionManager counted = (DefaultSessionManager) manager;
    assertThat(counted.pendingCount()).isZero();
    assertThat(counted.establishedCount()).isZero();
    manager.shutdown(Duration.ZERO);
  }

  @Test
  void shutdownRacingCreatorsLeavesNoSessionBehind() throws Exception {
    CheckingListener listener = new CheckingListener();
    SessionManager manager =
        SessionManagers.builder()
            .clock(new ManualClock())
            .listener(listener)
            .stripes(2)
            .expiryInterval(Duration.ZERO)
            .build();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int threads = 8;
    CyclicBarrier start = new CyclicBarrier(threads + 1);

    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 2_000; i++) {
                    try {
                      Session s = manager.create(SessionInit.of(ProtocolVersion.latest()));
                      created.incrementAndGet();
                      if (EngineSession.of(s).tryEnter()) {
                        EngineSession.of(s).activate();
                        EngineSession.of(s).exit();
                      }
                    } catch (SessionAdmissionException e) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.await();
      while (created.get() < 500) {
        Thread.onSpinWait();
      }
      assertThat(manager.shutdown(Duration.ofSeconds(30))).isTrue();
      for (Future<?> f : futures) {
        f.get(1, TimeUnit.MINUTES);
      }
    }

    assertThat(refused.get()).isPositive();
    assertThat(manager.size()).isZero();
    assertThat(countClosed(listener)).isEqualTo(listener.events.size());
    assertThat(countReason(listener, CloseReason.SERVER_SHUTDOWN))
        .isEqualTo(listener.events.size());
    assertThat(listener.events.size()).isGreaterThanOrEqualTo(created.get());
    assertHistoriesAreLegal(listener);
  }

  private static int countClosed(CheckingListener listener) {
    int closed = 0;
    for (Queue<SessionEvent> q : listener.events.values()) {
      for (SessionEvent e : q) {
        if (e.to() == SessionState.CLOSED) {
          closed++;
        }
      }
    }
    return closed;
  }

  private static int countReason(CheckingListener listener, CloseReason reason) {
    int n = 0;
    for (Queue<SessionEvent> q : listener.events.values()) {
      for (SessionEvent e : q) {
        if (e.closeReason() == reason) {
          n++;
        }
      }
    }
    return n;
  }

  private static void assertHistoriesAreLegal(CheckingListener listener) {
    assertThat(listener.violations).isEmpty();
    listener.events.forEach(
        (id, queue) -> {
          List<SessionEvent> history = new ArrayList<>(queue);
          assertThat(history).as("history of %s", id).isNotEmpty();
          assertThat(history.getFirst().isCreation()).as("%s starts with creation", id).isTrue();
          for (int i = 1; i < history.size(); i++) {
            SessionEvent previous = history.get(i - 1);
            SessionEvent current = history.get(i);
            assertThat(current.from()).as("%s step %d", id, i).isEqualTo(previous.to());
            assertThat(previous.to().canTransitionTo(current.to()))
                .as("%s step %d", id, i)
                .isTrue();
          }
          assertThat(history.getLast().to())
              .as("%s ends closed", id)
              .isEqualTo(SessionState.CLOSED);
          assertThat(history).filteredOn(e -> e.to() == SessionState.CLOSED).hasSize(1);
          assertThat(history.getLast().session().state()).isEqualTo(SessionState.CLOSED);
        });
  }
}
