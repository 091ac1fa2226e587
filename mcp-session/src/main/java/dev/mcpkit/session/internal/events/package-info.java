/**
 * The in-memory {@link dev.mcpkit.api.spi.EventStore}; not exported, created through {@code
 * dev.mcpkit.session.EventStores}.
 */
@NullMarked
package dev.mcpkit.session.internal.events;

import org.jspecify.annotations.NullMarked;
