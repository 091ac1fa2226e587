/** Factories for the session engine: {@link SessionManagers} and {@link BoundedExecutors}. */
@NullMarked
package dev.mcpkit.session;

import org.jspecify.annotations.NullMarked;
