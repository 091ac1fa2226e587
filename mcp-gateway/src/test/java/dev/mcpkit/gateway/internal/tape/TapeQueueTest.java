package dev.mcpkit.gateway.internal.tape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TapeQueueTest {
  /** One element: who offered it, and its place in that producer's sequence. */
  private record Item(int producer, int seq, boolean forced) {}

  @Test
  void holdsAtMostItsCapacityAndGivesItBackOnRelease() {
    TapeQueue<Integer> queue = new TapeQueue<>(3);
    assertThat(queue.offer(1)).isZero();
    assertThat(queue.offer(2)).isEqualTo(1);
    assertThat(queue.offer(3)).isEqualTo(2);
    assertThat(queue.offer(4)).as("full").isEqualTo(-1);
    queue.force(5);
    assertThat(queue.size()).isEqualTo(4);

    assertThat(queue.poll()).isEqualTo(1);
    assertThat(queue.offer(6)).as("polled but not released: still counted").isEqualTo(-1);
    queue.release(1);
    assertThat(queue.offer(7)).as("the forced one counts too").isEqualTo(-1);
    assertThat(queue.poll()).isEqualTo(2);
    queue.release(1);
    assertThat(queue.offer(8)).isEqualTo(2);

    List<Integer> rest = new ArrayList<>();
    for (Integer i; (i = queue.poll()) != null; ) {
      rest.add(i);
    }
    assertThat(rest).containsExactly(3, 5, 8);
    queue.release(3);
    assertThat(queue.size()).isZero();
    assertThat(queue.poll()).isNull();
  }

  @Test
  void refusesANonPositiveCapacity() {
    assertThatThrownBy(() -> new TapeQueue<Integer>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }

  /**
   * Many producers at once against one consumer, with random pauses on both sides and a small
   * capacity (so the full path runs) or a large one: every accepted or forced element comes out
   * exactly once, each producer's in its order, nothing refused comes out, and the count returns to
   * zero.
   */
  @RepeatedTest(20)
  void manyProducersOneConsumerLoseAndReorderNothing() throws Exception {
    SplittableRandom seeds = new SplittableRandom();
    int producers = 2 + seeds.nextInt(7);
    int perProducer = 10_000;
    int capacity = seeds.nextBoolean() ? 1 + seeds.nextInt(32) : 1 << 16;
    TapeQueue<Item> queue = new TapeQueue<>(capacity);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger producing = new AtomicInteger(producers);
    boolean[][] accepted = new boolean[producers][perProducer];
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      SplittableRandom random = seeds.split();
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                    for (int seq = 0; seq < perProducer; seq++) {
                      if (random.nextInt(50) == 0) {
                        queue.force(new Item(producer, seq, true));
                        accepted[producer][seq] = true;
                      } else {
                        accepted[producer][seq] = queue.offer(new Item(producer, seq, false)) >= 0;
                      }
                      if (random.nextInt(100) == 0) {
                        Thread.yield();
                      }
                    }
                    producing.decrementAndGet();
                  }));
    }

    int[] last = new int[producers];
    Arrays.fill(last, -1);
    boolean[][] seen = new boolean[producers][perProducer];
    SplittableRandom random = seeds.split();
    int taken = 0;
    start.countDown();
    for (; ; ) {
      Item item = queue.poll();
      if (item == null) {
        queue.release(taken);
        taken = 0;
        if (producing.get() == 0 && queue.size() == 0) {
          break;
        }
        Thread.onSpinWait();
        continue;
      }
      assertThat(seen[item.producer()][item.seq()]).as("polled twice: %s", item).isFalse();
      seen[item.producer()][item.seq()] = true;
      assertThat(item.seq()).as("out of order: %s", item).isGreaterThan(last[item.producer()]);
      last[item.producer()] = item.seq();
      if (++taken >= 1 + random.nextInt(64)) {
        queue.release(taken);
        taken = 0;
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(queue.poll()).isNull();
    assertThat(queue.size()).isZero();
    for (int p = 0; p < producers; p++) {
      for (int seq = 0; seq < perProducer; seq++) {
        assertThat(seen[p][seq])
            .as("producer %d item %d: accepted %s", p, seq, accepted[p][seq])
            .isEqualTo(accepted[p][seq]);
      }
    }
  }
}
