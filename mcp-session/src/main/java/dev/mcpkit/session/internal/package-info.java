/**
 * The session engine's implementation. Not exported: reach it through {@code dev.mcpkit.session}.
 */
@NullMarked
package dev.mcpkit.session.internal;

import org.jspecify.annotations.NullMarked;
