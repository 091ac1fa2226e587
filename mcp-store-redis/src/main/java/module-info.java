/**
 * Redis-backed (Valkey-compatible) session and event stores, so that MCP sessions outlive the process
 * and span several nodes behind a load balancer without sticky sessions.
 *
 * <p>Only {@code dev.mcpkit.store.redis} is exported: the entry point {@link
 * dev.mcpkit.store.redis.RedisStores}. The stores and the Lettuce plumbing live in the non-exported
 * {@code internal} package.
 */
module dev.mcpkit.store.redis {
  requires transitive dev.mcpkit.api;
  requires lettuce.core; // automatic module (Automatic-Module-Name of lettuce-core)
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.mcpkit.store.redis;
}
