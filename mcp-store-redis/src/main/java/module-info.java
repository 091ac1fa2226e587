/**
 * Redis-backed (Valkey-compatible) session and event stores, so that MCP sessions outlive the
 * process and span several nodes behind a load balancer without sticky sessions.
 *
 * <p>Only {@code dev.mcpkit.store.redis} is exported: the entry point {@link
 * dev.mcpkit.store.redis.RedisStores}. The stores and the Lettuce plumbing live in the non-exported
 * {@code internal} package.
 */
module dev.mcpkit.store.redis {
  requires transitive dev.mcpkit.api;
  requires lettuce.core; // automatic module (Automatic-Module-Name of lettuce-core)
  // Lettuce is an automatic module and so declares no dependencies; Netty's jars are explicit
  // modules, which the module system resolves only when some module requires them. Requiring what
  // Lettuce uses puts them in every launch configuration (the automatic ones, Reactor and
  // Reactive Streams, are resolved along with Lettuce).
  requires io.netty.common;
  requires io.netty.buffer;
  requires io.netty.transport;
  requires io.netty.handler;
  requires io.netty.codec;
  requires io.netty.resolver;
  requires io.netty.resolver.dns;
  requires io.netty.codec.dns;
  requires io.netty.transport.unix.common;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.mcpkit.store.redis;
}
