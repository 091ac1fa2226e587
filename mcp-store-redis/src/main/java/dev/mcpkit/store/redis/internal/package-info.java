/** The Redis stores and their Lettuce plumbing; not exported. */
@NullMarked
package dev.mcpkit.store.redis.internal;

import org.jspecify.annotations.NullMarked;
