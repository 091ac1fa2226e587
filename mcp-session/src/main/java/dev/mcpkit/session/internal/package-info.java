/**
 * The session engine's implementation: the session object and its state machine, the lock-striped
 * table with lock-free reads, the per-stripe timing wheels that expire sessions, the manager that
 * ties them together, and the in-memory store. Not exported; reach it through {@code
 * dev.mcpkit.session.SessionManagers}.
 */
@NullMarked
package dev.mcpkit.session.internal;

import org.jspecify.annotations.NullMarked;
