/**
 * Service-provider interfaces: session stores (so sessions can outlive the process or span nodes)
 * and session listeners (so every lifecycle transition can be observed), and the observers of
 * servers and clients (metrics and traces without a dependency on any telemetry library).
 */
@NullMarked
package dev.mcpkit.api.spi;

import org.jspecify.annotations.NullMarked;
