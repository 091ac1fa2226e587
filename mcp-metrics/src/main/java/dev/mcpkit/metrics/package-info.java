/** The entry point of mcpkit's OpenTelemetry metrics: {@link dev.mcpkit.metrics.McpMetrics}. */
@NullMarked
package dev.mcpkit.metrics;

import org.jspecify.annotations.NullMarked;
