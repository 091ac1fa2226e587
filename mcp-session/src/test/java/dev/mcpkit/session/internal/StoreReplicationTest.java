package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionAdmissionException;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rehydration paths of {@link StoreReplication} that the manager-level tests reach only by chance:
 * two lookups loading the same record at once, and store failures that are not "unreachable".
 */
class StoreReplicationTest {
  private final List<SessionManager> managers = new ArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(m -> m.shutdown(Duration.ZERO));
  }

  private SessionManager manager(ForwardingSessionStore store, int maxSessions) {
    SessionManager m =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .maxSessions(maxSessions)
                    .admissionPolicy(SessionPolicy.AdmissionPolicy.REJECT_NEW)
                    .build())
            .store(store)
            .expiryInterval(Duration.ZERO)
            .build();
    managers.add(m);
    return m;
  }

  @Test
  void twoLookupsLoadingTheSameRecordAtOnceShareOneCopyAndGiveTheSpareSlotBack() throws Exception {
    // The first two loads wait for each other, so both lookups hold the record before either
    // inserts its copy: exactly one insert wins and the other lookup serves the winner's copy.
    CyclicBarrier bothLoaded = new CyclicBarrier(2);
    AtomicInteger loads = new AtomicInteger();
    ForwardingSessionStore store =
        new ForwardingSessionStore() {
          @Override
          public Optional<SessionRecord> load(SessionId id) {
            Optional<SessionRecord> found = delegate.load(id);
            if (loads.incrementAndGet() <= 2) {
              try {
                bothLoaded.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("the other lookup never loaded", e);
              }
            }
            return found;
          }
        };
    SessionManager a = manager(store, 100);
    SessionManager b = manager(store, 2);
    Session session = a.create(SessionInit.of(ProtocolVersion.latest()));
    EngineSession.of(session).activate();

    Session first;
    Session second;
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      Future<Session> one = threads.submit(() -> b.lookup(session.id()));
      Future<Session> two = threads.submit(() -> b.lookup(session.id()));
      first = one.get(10, TimeUnit.SECONDS);
      second = two.get(10, TimeUnit.SECONDS);
    }

    assertThat(first).isNotNull().isSameAs(second);
    assertThat(first.state()).isEqualTo(SessionState.ACTIVE);
    assertThat(b.size()).isEqualTo(1);
    // Both lookups reserved a slot; the loser gave its back, so one more session fits, not two.
    assertThat(b.create(SessionInit.of(ProtocolVersion.latest()))).isNotNull();
    assertThatThrownBy(() -> b.create(SessionInit.of(ProtocolVersion.latest())))
        .isInstanceOf(SessionAdmissionException.class);
  }

  @Test
  void aStoreThatFailsToLoadOtherwiseThanUnreachableMakesTheSessionUnknown() {
    ForwardingSessionStore failing =
        new ForwardingSessionStore() {
          @Override
          public Optional<SessionRecord> load(SessionId id) {
            throw new IllegalStateException("corrupt record (test)");
          }
        };
    SessionManager a = manager(failing, 100);
    SessionManager b = manager(failing, 1);
    Session session = a.create(SessionInit.of(ProtocolVersion.latest()));

    assertThat(b.lookup(session.id())).isNull();
    assertThat(b.size()).isZero();
    assertThat(b.create(SessionInit.of(ProtocolVersion.latest()))).isNotNull(); // no slot taken
  }

  @Test
  void aSecondLookThatCannotReachTheStoreKeepsTheCopy() {
    AtomicInteger loads = new AtomicInteger();
    ForwardingSessionStore store =
        new ForwardingSessionStore() {
          @Override
          public Optional<SessionRecord> load(SessionId id) {
            if (loads.incrementAndGet() == 2) {
              throw new IllegalStateException("store hiccup (test)");
            }
            return delegate.load(id);
          }
        };
    SessionManager a = manager(store, 100);
    SessionManager b = manager(store, 100);
    Session session = a.create(SessionInit.of(ProtocolVersion.latest()));

    Session copy = b.lookup(session.id());

    assertThat(loads).hasValue(2);
    assertThat(copy).isNotNull();
    assertThat(copy.state()).isEqualTo(SessionState.INITIALIZING);
    assertThat(b.lookup(session.id())).isSameAs(copy);
  }
}
