/** mcpkit's metrics served in the Prometheus text format; see {@link PrometheusMetrics}. */
@NullMarked
package dev.mcpkit.metrics.prometheus;

import org.jspecify.annotations.NullMarked;
