package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Many threads on three nodes create, touch and close sessions in random interleavings against one
 * real redis-server; afterwards every node agrees with Redis: a closed session is closed everywhere
 * and has no key, a live one is served by every node.
 */
class RedisSessionStoreStressTest {
  private static final SessionPolicy POLICY =
      SessionPolicy.builder()
          .idleTimeout(Duration.ofMinutes(10))
          .touchGranularity(Duration.ofMillis(1))
          .maxSessions(100_000)
          .build();

  @Test
  void threeNodesUnderRandomCreateTouchCloseAgreeWithRedis() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      List<RedisStores> stores = new ArrayList<>();
      List<SessionManager> nodes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RedisStores s =
            RedisStores.builder(server.uri())
                .policy(POLICY)
                .refreshInterval(Duration.ofMillis(5))
                .build();
        stores.add(s);
        nodes.add(SessionManagers.builder().policy(POLICY).store(s.sessionStore()).build());
      }
      try {
        Set<SessionId> live = ConcurrentHashMap.newKeySet();
        Set<SessionId> closed = ConcurrentHashMap.newKeySet();
        List<SessionId> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        int threads = 12;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 300; i++) {
                      SessionManager node = nodes.get(random.nextInt(nodes.size()));
                      int action = random.nextInt(10);
                      if (action < 2 || all.isEmpty()) { // create
                        Session s = node.create(SessionInit.of(ProtocolVersion.latest()));
                        assertThat(node.activate(s.id())).isTrue();
                        live.add(s.id());
                        all.add(s.id());
                      } else if (action < 9) {
                        SessionId id = all.get(random.nextInt(all.size()));
                        Session s = node.touch(id);
                        if (s != null && s.state() == SessionState.CLOSED) {
                          // A close (here, or on another node and mirrored) may land between touch
                          // and this
                          // read; then it was a close(id) that succeeded, never a spurious one (no
                          // expiry or
                          // eviction under this policy): its caller records it right after.
                          await()
                              .pollDelay(Duration.ZERO)
                              .pollInterval(Duration.ofMillis(5))
                              .atMost(Duration.ofSeconds(10))
                              .until(() -> closed.contains(id));
                        }
                      } else {
                        SessionId id = all.get(random.nextInt(all.size()));
                        if (node.close(id, CloseReason.CLIENT_REQUEST)) {
                          closed.add(id); // before leaving live: the two sets always cover every id
                          live.remove(id);
                        }
                      }
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get();
        }
        pool.shutdown();

        for (SessionId id : closed) {
          assertThat(stores.getFirst().sessionStore().load(id))
              .as("record of closed %s", id)
              .isEmpty();
          for (SessionManager node : nodes) {
            // checked at once, then every 5 ms: Awaitility's default first poll after 100 ms made
            // this
            // loop (hundreds of ids x three nodes) take over a minute
            await()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> node.lookup(id) == null);
          }
        }
        for (SessionId id : live) {
          assertThat(stores.getFirst().sessionStore().load(id))
              .map(r -> r.state())
              .isEqualTo(Optional.of(SessionState.ACTIVE));
          for (SessionManager node : nodes) {
            assertThat(node.touch(id)).as("live %s on a node", id).isNotNull();
          }
        }
        assertThat(live).doesNotContainAnyElementsOf(closed);
        assertThat(closed.size() + live.size()).isEqualTo(all.size());
      } finally {
        nodes.forEach(n -> n.shutdown(Duration.ZERO));
        stores.forEach(RedisStores::close);
      }
    }
  }
}
