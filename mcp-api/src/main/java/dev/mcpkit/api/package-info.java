/**
 * Sessions, their lifecycle state machine, the session manager and executor contracts, protocol
 * versions and header names.
 */
@NullMarked
package dev.mcpkit.api;

import org.jspecify.annotations.NullMarked;
