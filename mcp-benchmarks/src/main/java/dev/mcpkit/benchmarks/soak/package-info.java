/**
 * The soak and the flood run of issue 21: a bounded, scripted mixed load ({@code
 * mcp-benchmarks/scripts/soak.sh}) against the everything server in its own JVM, sampling the
 * server's heap after a full GC, threads, file descriptors and live sessions every minute, and a
 * flood of incomplete handshakes beside established sessions. Not part of {@code ./mvnw verify};
 * the figures go to {@code RELIABILITY.md}.
 */
@NullMarked
package dev.mcpkit.benchmarks.soak;

import org.jspecify.annotations.NullMarked;
