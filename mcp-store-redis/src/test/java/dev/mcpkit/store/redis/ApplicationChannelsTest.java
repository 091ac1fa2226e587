package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisStores#subscribe} and {@link RedisStores#publish} on a real redis-server: a message
 * reaches the node subscribed to the channel, the count says who heard it (none once that node
 * closed), the key prefix keeps deployments apart, and an unreachable Redis fails fast.
 */
class ApplicationChannelsTest {
  private RedisServer redis;

  @BeforeEach
  void start() {
    redis = RedisServer.start();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  @Test
  void aMessageReachesTheSubscriberAndTheCountSaysWhetherAnyoneListens() throws Exception {
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    RedisStores listener = RedisStores.builder(redis.uri()).build();
    boolean closed = false;
    try (RedisStores other = RedisStores.builder(redis.uri()).build();
        RedisStores elsewhere = RedisStores.builder(redis.uri()).keyPrefix("other:").build()) {
      listener.subscribe("node-a", heard::add);
      assertThat(other.publish("node-a", "hello")).isEqualTo(1);
      assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
      // Another deployment's channel of the same name is another channel.
      assertThat(elsewhere.publish("node-a", "not for you")).isZero();
      assertThat(other.publish("node-b", "nobody")).isZero();

      listener.close();
      closed = true;
      // Redis forgets the subscription when the connection closes.
      await().atMost(Duration.ofSeconds(10)).until(() -> other.publish("node-a", "anyone?") == 0);
      assertThat(heard).isEmpty();
    } finally {
      if (!closed) {
        listener.close();
      }
    }
  }

  @Test
  void anUnreachableRedisFailsFast() {
    try (RedisStores stores = RedisStores.builder(redis.uri()).build()) {
      redis.stop();
      assertThatThrownBy(() -> stores.publish("node-a", "hello"))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }
}
