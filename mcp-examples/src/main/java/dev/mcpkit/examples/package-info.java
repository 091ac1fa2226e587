/** Runnable example servers. */
@NullMarked
package dev.mcpkit.examples;

import org.jspecify.annotations.NullMarked;
