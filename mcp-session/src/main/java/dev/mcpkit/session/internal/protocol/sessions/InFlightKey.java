package dev.mcpkit.session.internal.protocol.sessions;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.RequestId;

/**
 * Names a request in flight: request ids are unique only within a session.
 *
 * @param sessionId the session
 * @param requestId the request's id
 */
record InFlightKey(SessionId sessionId, RequestId requestId) {}
