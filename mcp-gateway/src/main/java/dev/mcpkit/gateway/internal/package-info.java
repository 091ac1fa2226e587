/**
 * The gateway's implementation: the dynamic catalogue that routes a client session's requests to
 * its upstream sessions, the upstream connections and the naming of aggregated catalogues.
 */
@NullMarked
package dev.mcpkit.gateway.internal;

import org.jspecify.annotations.NullMarked;
