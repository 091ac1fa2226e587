/** Schema generation, argument binding and the adapters from methods to tools; not exported. */
@NullMarked
package dev.mcpkit.tools.internal;

import org.jspecify.annotations.NullMarked;
