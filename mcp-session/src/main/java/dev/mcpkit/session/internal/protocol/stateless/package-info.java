/**
 * The engine of the sessionless MCP revision 2026-07-28: {@code StatelessRequests} checks and
 * serves each request on its own (no session is looked up or created), {@code RequestStates} signs
 * the {@code requestState} of multi round-trip requests, {@code ListenStreams} serves {@code
 * subscriptions/listen}, and {@code Revision2026Results} shapes the revision's results. The
 * session-based engine selects these requests per POST and hands them here; what both generations
 * share is in the parent package.
 */
@NullMarked
package dev.mcpkit.session.internal.protocol.stateless;

import org.jspecify.annotations.NullMarked;
