package dev.mcpkit.gateway.internal;

import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.SessionStore;
import java.util.function.Consumer;

/**
 * What gateway nodes share to form a cluster: the client sessions (with their upstream session
 * map), the SSE events of their streams, and a channel that carries a client's answer to the node
 * whose upstream waits for it. {@link #redis} is the one implementation, mcp-store-redis; the
 * gateway reads that module optionally, so a gateway without a cluster needs no Redis client.
 *
 * <p>Implementations are thread-safe.
 */
public interface ClusterStores extends AutoCloseable {

  /**
   * Connects to the Redis that the nodes share.
   *
   * @param uri the Redis URI ({@code redis://}, {@code rediss://}, {@code redis-sentinel://})
   * @param policy the client sessions' policy, which the records' TTLs follow
   * @return the stores
   * @throws IllegalStateException if mcp-store-redis is not on the module path, or Redis cannot be
   *     reached
   */
  static ClusterStores redis(String uri, SessionPolicy policy) {
    try {
      return RedisClusterStores.connect(uri, policy);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(
          "redis: a gateway cluster needs mcp-store-redis (module dev.mcpkit.store.redis) on the"
              + " module path ("
              + e.getMessage()
              + ")");
    }
  }

  /**
   * The client sessions' store, for every node's session manager.
   *
   * @return the store
   */
  SessionStore sessionStore();

  /**
   * The SSE event store, so a client resumes a stream on any node.
   *
   * @return the store
   */
  EventStore eventStore();

  /**
   * Makes this node's engine part of the cluster.
   *
   * @param engine the node's engine
   * @return the engine to serve
   */
  McpEngine cluster(McpEngine engine);

  /**
   * Subscribes to a channel between the nodes (messages one node sends another; pub/sub, so
   * at-most-once). The handler runs on one shared thread and must not block.
   *
   * @param channel the channel
   * @param handler gets each message
   * @throws dev.mcpkit.api.spi.StoreUnavailableException if Redis cannot be reached now
   */
  void subscribe(String channel, Consumer<String> handler);

  /**
   * Publishes a message to the nodes subscribed to a channel.
   *
   * @param channel the channel
   * @param message the message
   * @return how many subscribers got it: {@code 0} when nobody listens there
   * @throws dev.mcpkit.api.spi.StoreUnavailableException if Redis cannot be reached now
   */
  long publish(String channel, String message);

  /** Closes the connections; the records stay for the other nodes. */
  @Override
  void close();
}
