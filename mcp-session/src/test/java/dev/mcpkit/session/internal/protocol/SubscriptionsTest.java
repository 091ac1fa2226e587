package dev.mcpkit.session.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.session.SessionManagers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
  private final SessionManager sessions = SessionManagers.builder().build();
  private final Subscriptions subscriptions = new Subscriptions(sessions);

  @AfterEach
  void close() {
    sessions.close();
  }

  @Test
  void concurrentFirstSubscriptionsOfOneSessionAreAllKept() throws Exception {
    int rounds = 300;
    int threads = 4;
    List<Session> created = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      created.add(sessions.create(SessionInit.of(ProtocolVersion.latest())));
    }
    CyclicBarrier barrier = new CyclicBarrier(threads);
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String uri = "test://" + t;
        futures.add(
            pool.submit(
                () -> {
                  for (Session session : created) {
                    barrier.await();
                    subscriptions.subscribe(session, uri);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    for (Session session : created) {
      for (int t = 0; t < threads; t++) {
        assertThat(Subscriptions.isSubscribed(session, "test://" + t))
            .as("%s test://%d", session.id(), t)
            .isTrue();
      }
    }
  }

  @Test
  void unsubscribingASessionThatNeverSubscribedIsHarmless() {
    Session session = sessions.create(SessionInit.of(ProtocolVersion.latest()));
    subscriptions.unsubscribe(session, "test://x");
    assertThat(Subscriptions.isSubscribed(session, "test://x")).isFalse();
  }
}
