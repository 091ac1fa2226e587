package dev.mcpkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.BoundedExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BoundedExecutorsTest {

  @Test
  void rejectsNonPositiveMaxConcurrencyNamingTheOption() {
    assertThatThrownBy(() -> BoundedExecutors.virtualThreads(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrency");
    assertThatThrownBy(() -> BoundedExecutors.virtualThreads(-3, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxConcurrency");
  }

  @Test
  void rejectsNegativeOrMissingMaxWaitNamingTheOption() {
    assertThatThrownBy(() -> BoundedExecutors.virtualThreads(1, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxWait");
    assertThatThrownBy(() -> BoundedExecutors.virtualThreads(1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("maxWait");
  }

  @Test
  void runsEachTaskOnANamedVirtualThread() throws Exception {
    try (BoundedExecutor executor = BoundedExecutors.virtualThreads(4)) {
      assertThat(executor.maxConcurrency()).isEqualTo(4);
      CompletableFuture<Thread> ran = new CompletableFuture<>();
      executor.execute(() -> ran.complete(Thread.currentThread()));
      Thread thread = ran.get(10, TimeUnit.SECONDS);
      assertThat(thread.isVirtual()).isTrue();
      assertThat(thread.getName()).startsWith("mcpkit-");
    }
  }
}
