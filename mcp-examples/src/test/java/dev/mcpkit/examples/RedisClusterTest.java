package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.spi.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class RedisClusterTest {

  @Test
  void optionsDefaultToTwoLoopbackNodesFrom8081AgainstALocalRedis() {
    assertThat(RedisCluster.Options.parse())
        .isEqualTo(new RedisCluster.Options("redis://127.0.0.1:6379", "127.0.0.1", 8081, 2));
  }

  @Test
  void optionsTakeBothSpellings() {
    assertThat(
            RedisCluster.Options.parse(
                "--redis", "redis://10.0.0.5:6380", "--nodes=3", "--port", "0"))
        .isEqualTo(new RedisCluster.Options("redis://10.0.0.5:6380", "127.0.0.1", 0, 3));
  }

  @Test
  void badOptionsAreNamed() {
    assertThatThrownBy(() -> RedisCluster.Options.parse("--nodes", "0"))
        .hasMessageContaining("--nodes");
    assertThatThrownBy(() -> RedisCluster.Options.parse("--port", "http"))
        .hasMessageContaining("--port");
    assertThatThrownBy(() -> RedisCluster.Options.parse("--sticky", "yes"))
        .hasMessageContaining("--sticky");
    assertThatThrownBy(() -> RedisCluster.Options.parse("--redis")).hasMessageContaining("--redis");
  }

  @Test
  void aNodeWithoutRedisFailsAtOnceWithAClearError() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    assertThatThrownBy(
            () -> RedisCluster.startNode("redis://127.0.0.1:" + closedPort, "127.0.0.1", 0))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("cannot connect to Redis");
  }
}
