/** The Redis store's entry point: {@link dev.mcpkit.store.redis.RedisStores}. */
@NullMarked
package dev.mcpkit.store.redis;

import org.jspecify.annotations.NullMarked;
