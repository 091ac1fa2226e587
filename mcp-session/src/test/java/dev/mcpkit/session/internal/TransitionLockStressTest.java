package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Sessions share their transition locks ({@link TransitionLocks}), so the hazards are those of any
 * lock stripe: a thread holding one stripe and waiting for another (deadlock), and one session's
 * critical section breaking another's guarantees. This run takes every path on which a thread
 * holding a transition lock, or delivering events, reaches another session: two managers (two nodes
 * in one JVM) share a store that calls the other manager's watcher from inside {@code delete}, so a
 * close on one node closes the other node's copy while holding its lock; listeners close other
 * sessions and write attributes through to the store; many threads create, activate, close (on
 * either node), rehydrate and write attributes at random. A deadlock fails the run on its timeout.
 * Afterwards, the event history of every session object (each node's copy) must be legal: creation
 * first, no overlapping deliveries, contiguous transitions, exactly one close, nothing after it.
 * (Histories are kept per copy, not per id: a node may load a record just before another node
 * deletes it; the manager's second look closes that copy at once, see {@code RehydrationRaceTest},
 * but it was created and has a history of its own.)
 */
class TransitionLockStressTest {
  private static final int WORKERS = 8;
  private static final int ITERATIONS = 4_000;
  private static final long SEED = 0x10C4_2026L;
  private static final AttributeKey<String> NOTE = AttributeKey.of("note", String.class);

  /** One node's listener: the events of each session copy, and what went wrong. */
  private static final class Node implements SessionListener {
    final Map<Session, Queue<SessionEvent>> events =
        new ConcurrentHashMap<>(); // sessions: identity equality
    final Map<Session, AtomicBoolean> inCall = new ConcurrentHashMap<>();
    final Queue<String> violations;
    final AtomicReferenceArray<Session> recent;
    final SplittableRandom seeds;
    volatile SessionManager manager;

    Node(Queue<String> violations, AtomicReferenceArray<Session> recent, long seed) {
      this.violations = violations;
      this.recent = recent;
      this.seeds = new SplittableRandom(seed);
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
      Session copy = event.session();
      AtomicBoolean busy = inCall.computeIfAbsent(copy, k -> new AtomicBoolean());
      if (!busy.compareAndSet(false, true)) {
        violations.add("overlapping listener calls for " + copy);
      }
      events.computeIfAbsent(copy, k -> new ConcurrentLinkedQueue<>()).add(event);
      busy.set(false);
      if (event.to() == SessionState.ACTIVE) {
        // Work on other sessions (other stripes, or the same one) from a listener: runs outside
        // every transition lock, or this would deadlock.
        int pick;
        synchronized (seeds) {
          pick = seeds.nextInt(recent.length());
        }
        Session other = recent.get(pick);
        if (other != null && other != event.session()) {
          if ((pick & 1) == 0) {
            other.close(CloseReason.CLIENT_REQUEST);
          } else if (other.state() != SessionState.CLOSED) {
            other.putAttribute(NOTE, "from a listener");
          }
        }
      }
    }
  }

  /** A store shared by the nodes that tells the other nodes of a delete from inside it. */
  private static final class SharedStore extends ForwardingSessionStore {
    @Override
    public boolean delete(SessionId id, CloseReason reason) {
      boolean deleted = delegate.delete(id);
      for (Watcher w : watchers) {
        w.removed(
            id, reason); // the deleting node's own watcher finds nothing: its copy left its table
      }
      return deleted;
    }
  }

  @Test
  void sharedTransitionLocksNeitherDeadlockNorBreakTheOrderOfEvents() throws Exception {
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicReferenceArray<Session> recent = new AtomicReferenceArray<>(256);
    SharedStore store = new SharedStore();
    List<Node> nodes =
        List.of(new Node(violations, recent, SEED), new Node(violations, recent, SEED + 1));
    List<SessionManager> managers = new ArrayList<>();
    for (Node node : nodes) {
      SessionManager manager =
          SessionManagers.builder()
              .policy(
                  SessionPolicy.builder()
                      .idleTimeout(Duration.ofMinutes(10))
                      .maxSessions(100_000)
                      // Most sessions here never complete a handshake: the pool of pending ones
                      // must not refuse them (this test is about transition locks, not admission).
                      .maxPendingHandshakes(100_000)
                      .build())
              .clock(new ManualClock())
              .store(store)
              .listener(node)
              .expiryInterval(Duration.ZERO)
              .build();
      node.manager = manager;
      managers.add(manager);
    }
    CyclicBarrier start = new CyclicBarrier(WORKERS);
    try (ExecutorService pool = Executors.newFixedThreadPool(WORKERS)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        SplittableRandom random = new SplittableRandom(SEED + 100 + w);
        workers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < ITERATIONS; i++) {
                    SessionManager here = managers.get(random.nextInt(2));
                    SessionManager there = managers.get(random.nextInt(2));
                    Session picked = recent.get(random.nextInt(recent.length()));
                    int op = random.nextInt(100);
                    if (op < 20 || picked == null) {
                      recent.set(
                          random.nextInt(recent.length()),
                          here.create(SessionInit.of(ProtocolVersion.latest())));
                    } else if (op < 40) {
                      Session copy =
                          there.lookup(picked.id()); // the other node rehydrates its own copy
                      if (copy != null) {
                        EngineSession.of(copy).activate();
                      }
                    } else if (op < 55) {
                      EngineSession.of(picked).activate();
                    } else if (op < 70) {
                      // Both nodes close the same session at once now and then: each close deletes,
                      // and
                      // the delete closes the other node's copy while the closing node holds its
                      // lock.
                      there.close(picked.id(), CloseReason.CLIENT_REQUEST);
                    } else if (op < 80) {
                      picked.close(CloseReason.CLIENT_REQUEST);
                    } else if (picked.state() != SessionState.CLOSED) {
                      picked.putAttribute(NOTE, "n" + i);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : workers) {
        f.get(2, TimeUnit.MINUTES); // a deadlock fails here
      }
    }
    for (SessionManager manager : managers) {
      manager.forEach(s -> s.close(CloseReason.CLIENT_REQUEST));
    }

    assertThat(violations).isEmpty();
    int histories = 0;
    for (Node node : nodes) {
      for (Map.Entry<Session, Queue<SessionEvent>> entry : node.events.entrySet()) {
        histories++;
        List<SessionEvent> history = List.copyOf(entry.getValue());
        assertThat(history.getFirst().from()).as("creation first for %s", entry.getKey()).isNull();
        assertThat(history.getLast().to())
            .as("closed last for %s", entry.getKey())
            .isEqualTo(SessionState.CLOSED);
        assertThat(history.stream().filter(e -> e.to() == SessionState.CLOSED).count())
            .as("one close for %s", entry.getKey())
            .isEqualTo(1);
        for (int i = 1; i < history.size(); i++) {
          assertThat(history.get(i).from())
              .as("contiguous history for %s", entry.getKey())
              .isEqualTo(history.get(i - 1).to());
        }
      }
      assertThat(node.manager.size()).isZero();
    }
    assertThat(histories).isGreaterThan(WORKERS * ITERATIONS / 10);
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }
}
