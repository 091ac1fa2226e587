package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ClientInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class ClientInfoInternTest {
  private final ClientInfoIntern intern = new ClientInfoIntern();

  /** A fresh instance with fresh strings, as each parsed {@code initialize} gives. */
  private static ClientInfo fresh(int n) {
    return new ClientInfo(
        new String("client-" + n),
        new String("1." + n),
        n % 3 == 0 ? new String("Client " + n) : null);
  }

  @Test
  void equalDescriptionsGetOneInstance() {
    ClientInfo first = fresh(1);

    assertThat(intern.intern(first)).isSameAs(first);
    assertThat(intern.intern(fresh(1))).isSameAs(first);
    assertThat(intern.intern(fresh(2))).isNotSameAs(first).isEqualTo(fresh(2));
    assertThat(intern.intern(new ClientInfo("client-1", "1.1", "other title"))).isNotSameAs(first);
    assertThat(intern.intern(null)).isNull();
  }

  @Test
  void longDescriptionsAreNotKept() {
    ClientInfo longName = new ClientInfo("n".repeat(ClientInfoIntern.MAX_CHARS), "1", null);
    ClientInfo longTitle = new ClientInfo("n", "1", "t".repeat(ClientInfoIntern.MAX_CHARS));

    assertThat(intern.intern(longName)).isSameAs(longName);
    assertThat(intern.intern(longTitle)).isSameAs(longTitle);
    assertThat(intern.size()).isZero();
    ClientInfo again = new ClientInfo("n".repeat(ClientInfoIntern.MAX_CHARS), "1", null);
    assertThat(intern.intern(again)).isSameAs(again);
  }

  @Test
  void aFullInternReturnsNewDescriptionsAsGivenAndKeepsSharingTheOldOnes() {
    List<ClientInfo> kept = new ArrayList<>();
    for (int i = 0; i < ClientInfoIntern.MAX_ENTRIES; i++) {
      kept.add(intern.intern(fresh(i)));
    }
    for (int i = ClientInfoIntern.MAX_ENTRIES; i < ClientInfoIntern.MAX_ENTRIES + 100; i++) {
      ClientInfo extra = fresh(i);
      assertThat(intern.intern(extra)).isSameAs(extra);
    }

    assertThat(intern.size()).isEqualTo(ClientInfoIntern.MAX_ENTRIES);
    for (int i = 0; i < ClientInfoIntern.MAX_ENTRIES; i++) {
      assertThat(intern.intern(fresh(i))).isSameAs(kept.get(i));
    }
  }

  @Test
  void concurrentCallersWithEqualDescriptionsAllGetTheSameInstance() throws Exception {
    int keys = 100; // fewer than MAX_ENTRIES: every description gets in
    Map<Integer, Set<ClientInfo>> seen = race(keys);

    assertThat(intern.size()).isEqualTo(keys);
    seen.forEach(
        (key, instances) -> {
          assertThat(instances).as("instances handed out for description %d", key).hasSize(1);
          assertThat(instances.iterator().next()).isEqualTo(fresh(key));
        });
  }

  @Test
  void concurrentCallersNeverGrowItPastTheBound() throws Exception {
    int keys = ClientInfoIntern.MAX_ENTRIES * 8;
    Map<Integer, Set<ClientInfo>> seen = race(keys);

    assertThat(intern.size())
        .isLessThanOrEqualTo(ClientInfoIntern.MAX_ENTRIES)
        .isGreaterThan(ClientInfoIntern.MAX_ENTRIES - THREADS);
    seen.forEach(
        (key, instances) ->
            assertThat(instances).allSatisfy(i -> assertThat(i).isEqualTo(fresh(key))));
    // A description that got in is the one instance every later caller receives.
    for (int key = 0; key < keys; key++) {
      ClientInfo probe = fresh(key);
      ClientInfo answer = intern.intern(probe);
      if (answer != probe) {
        assertThat(intern.intern(fresh(key))).isSameAs(answer);
      }
    }
    assertThat(intern.size()).isLessThanOrEqualTo(ClientInfoIntern.MAX_ENTRIES);
  }

  private static final int THREADS = 8;

  /**
   * Threads intern fresh copies of {@code keys} descriptions in random orders; instances seen per
   * key.
   */
  private Map<Integer, Set<ClientInfo>> race(int keys) throws Exception {
    Map<Integer, Set<ClientInfo>> seen = new ConcurrentHashMap<>();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  ThreadLocalRandom random = ThreadLocalRandom.current();
                  for (int i = 0; i < keys * 4; i++) {
                    int key = random.nextInt(keys);
                    ClientInfo answer = intern.intern(fresh(key));
                    seen.computeIfAbsent(
                            key,
                            k ->
                                java.util.Collections.synchronizedSet(
                                    java.util.Collections.newSetFromMap(new IdentityHashMap<>())))
                        .add(answer);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return seen;
  }
}
