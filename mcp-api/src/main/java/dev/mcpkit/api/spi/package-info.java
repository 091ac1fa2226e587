/**
 * Service-provider interfaces: session stores (so sessions can outlive the process or span nodes),
 * event stores (so SSE streams can be resumed), session listeners (so every lifecycle transition
 * can be observed), and the observers of MCP servers and clients (metrics and traces without a
 * dependency on any telemetry library). What transports plug into, and the HTTP observers, are in
 * {@code dev.mcpkit.api.spi.transport}.
 */
@NullMarked
package dev.mcpkit.api.spi;

import org.jspecify.annotations.NullMarked;
