/**
 * Service-provider interfaces: session stores (so sessions can outlive the process or span nodes) and
 * session listeners (so every lifecycle transition can be observed).
 */
@NullMarked
package dev.mcpkit.api.spi;

import org.jspecify.annotations.NullMarked;
