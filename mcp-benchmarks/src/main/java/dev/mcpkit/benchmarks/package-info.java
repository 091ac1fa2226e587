/**
 * Session-engine benchmarks: {@link dev.mcpkit.benchmarks.SessionAccessBenchmark} (lookup+touch,
 * create+terminate churn and a 95/5 mix under contention) and {@link
 * dev.mcpkit.benchmarks.ExpirySweepBenchmark} (expiry cost per expired session against the live
 * population). Each compares mcpkit with baselines through {@link
 * dev.mcpkit.benchmarks.SessionTable}, selected by a JMH {@code @Param}. {@link
 * dev.mcpkit.benchmarks.ClientPoolBenchmark} measures the MCP client's pool, HTTP/1.1 against h2c,
 * through a real server on loopback.
 */
@NullMarked
package dev.mcpkit.benchmarks;

import org.jspecify.annotations.NullMarked;
