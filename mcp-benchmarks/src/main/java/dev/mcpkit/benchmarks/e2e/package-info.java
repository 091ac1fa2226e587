/**
 * The end-to-end comparison: mcpkit, the official MCP Java SDK and a bare Jetty floor serving the
 * same {@code echo} tool, each in its own JVM on loopback, driven by one closed-loop load generator
 * over HTTP/1.1 and h2c. {@link dev.mcpkit.benchmarks.e2e.E2eComparison} is the one command; {@link
 * dev.mcpkit.benchmarks.e2e.ServerMain} is the entry point of each server JVM.
 */
@NullMarked
package dev.mcpkit.benchmarks.e2e;

import org.jspecify.annotations.NullMarked;
