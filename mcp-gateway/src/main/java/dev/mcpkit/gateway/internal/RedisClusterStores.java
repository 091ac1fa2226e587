package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.store.redis.RedisStores;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@link ClusterStores} on mcp-store-redis. Loaded only when a gateway is given a Redis, so the
 * module is needed only then. Thread-safe: {@link RedisStores} is.
 */
final class RedisClusterStores implements ClusterStores {
  /**
   * Longer than the stores' 2 s default: the first connection of a node that is starting (Netty and
   * Lettuce loaded, the handshake) is bounded by it too, and a busy host needs more. A Redis that
   * is down fails commands at once whatever this is; only a Redis that hangs holds them this long.
   */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final RedisStores redis;

  private RedisClusterStores(RedisStores redis) {
    this.redis = redis;
  }

  static ClusterStores connect(String uri, SessionPolicy policy) {
    try {
      return new RedisClusterStores(
          RedisStores.builder(uri).policy(policy).commandTimeout(COMMAND_TIMEOUT).build());
    } catch (StoreUnavailableException e) {
      // The message names the server; the URI itself may hold a password.
      throw new IllegalStateException("redis: " + e.getMessage());
    }
  }

  @Override
  public SessionStore sessionStore() {
    return redis.sessionStore();
  }

  @Override
  public EventStore eventStore() {
    return redis.eventStore();
  }

  @Override
  public McpEngine cluster(McpEngine engine) {
    return redis.cluster(engine);
  }

  @Override
  public void subscribe(String channel, Consumer<String> handler) {
    redis.subscribe(channel, handler);
  }

  @Override
  public long publish(String channel, String message) {
    return redis.publish(channel, message);
  }

  @Override
  public void close() {
    redis.close();
  }
}
