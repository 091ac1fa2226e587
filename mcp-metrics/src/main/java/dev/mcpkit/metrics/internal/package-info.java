/** The instruments behind {@link dev.mcpkit.metrics.McpMetrics}; not exported. */
@NullMarked
package dev.mcpkit.metrics.internal;

import org.jspecify.annotations.NullMarked;
