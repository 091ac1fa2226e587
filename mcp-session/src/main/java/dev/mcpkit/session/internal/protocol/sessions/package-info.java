/**
 * The engine of the session-based MCP revisions (2025-03-26, 2025-06-18, 2025-11-25): {@link
 * dev.mcpkit.session.internal.protocol.sessions.ProtocolEngine}, the engine a transport holds, with
 * the {@code initialize} handshake, requests served within a session, cancellation by {@code
 * notifications/cancelled}, and requests to the client answered by its POSTed responses ({@code
 * PendingRequests}). Requests of the sessionless revision are handed to the {@code stateless}
 * package; what both generations share is in the parent package.
 */
@NullMarked
package dev.mcpkit.session.internal.protocol.sessions;

import org.jspecify.annotations.NullMarked;
