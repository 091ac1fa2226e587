package dev.mcpkit.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SessionIdGeneratorTest {

  @Test
  void idsCarry128RandomBitsInVisibleAscii() {
    SessionId id = SessionIdGenerator.next();

    byte[] decoded = Base64.getUrlDecoder().decode(id.value());
    assertThat(decoded.length * 8).isEqualTo(128);
    assertThat(id.value()).matches("[A-Za-z0-9_-]{22}");
    assertThat(id.value().chars()).allMatch(c -> c >= 0x21 && c <= 0x7E);
    assertThat(SessionId.isValid(id.value())).isTrue();
    assertThat(SessionId.of(id.value())).isEqualTo(id);
  }

  @Test
  void idsDoNotRepeatAcrossManyRefills() {
    Set<SessionId> seen = new HashSet<>();
    int ids = 100 * SessionIdGenerator.BUFFER_BYTES / 16;
    for (int i = 0; i < ids; i++) {
      assertThat(seen.add(SessionIdGenerator.next())).isTrue();
    }
  }

  @Test
  void bitsLookUniform() {
    // Each of the 128 bit positions is set in about half of 20,000 ids (binomial: sd ~71; a stuck
    // or repeated buffer region would be far outside +-600).
    int ids = 20_000;
    int[] ones = new int[128];
    for (int i = 0; i < ids; i++) {
      byte[] bytes = Base64.getUrlDecoder().decode(SessionIdGenerator.next().value());
      for (int bit = 0; bit < 128; bit++) {
        ones[bit] += (bytes[bit >>> 3] >>> (7 - (bit & 7))) & 1;
      }
    }
    for (int bit = 0; bit < 128; bit++) {
      assertThat(ones[bit]).as("bit %d", bit).isBetween(ids / 2 - 600, ids / 2 + 600);
    }
  }

  @Test
  void concurrentCallersNeverGetTheSameId() throws Exception {
    // Virtual and platform threads share the striped buffers; a byte handed out twice would repeat.
    Set<SessionId> seen = ConcurrentHashMap.newKeySet();
    int threads = 16;
    int perThread = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Integer> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread.Builder builder = t % 2 == 0 ? Thread.ofVirtual() : Thread.ofPlatform();
      workers.add(
          builder.start(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  if (!seen.add(SessionIdGenerator.next())) {
                    duplicates.add(i);
                  }
                }
              }));
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(threads * perThread);
  }
}
