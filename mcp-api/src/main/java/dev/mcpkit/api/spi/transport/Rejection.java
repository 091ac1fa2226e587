package dev.mcpkit.api.spi.transport;

/**
 * Why the engine refused an HTTP exchange as a whole. Each maps to one status code of the
 * Streamable HTTP transport, which the transport applies; the error body is the {@link
 * Outcome.Rejected#error()}.
 */
public enum Rejection {
  /** A request other than {@code initialize} came without a session id: 400 Bad Request. */
  MISSING_SESSION,
  /** The session id is unknown, expired, closed or bound to another principal: 404 Not Found. */
  UNKNOWN_SESSION,
  /**
   * The body is not acceptable JSON-RPC (parse error, wrong shape, forbidden batch): 400 Bad
   * Request.
   */
  INVALID_MESSAGE,
  /**
   * A sessionless request (revision 2026-07-28) named a method this server does not implement: 404
   * Not Found with {@code -32601}, which tells a modern server from a missing endpoint.
   */
  METHOD_NOT_FOUND,
  /** No session could be admitted, or the server is shutting down: 503 Service Unavailable. */
  UNAVAILABLE,
  /**
   * The client exceeded its own limits (session rate or count, see {@link
   * dev.mcpkit.api.ClientLimits}), or a rate limit refused its request ({@link
   * dev.mcpkit.api.server.RateLimited}): 429 Too Many Requests, with {@code Retry-After} when
   * {@link Outcome.Rejected#retryAfter()} is set.
   */
  TOO_MANY_REQUESTS,
  /**
   * The principal lacks a scope that the tool, resource, resource template or prompt the request
   * names requires (see {@link dev.mcpkit.api.ScopedPrincipal}): 403 Forbidden with {@code
   * WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} naming {@link
   * Outcome.Rejected#requiredScopes()}, which an OAuth client answers by asking for them (step-up
   * authorization).
   */
  INSUFFICIENT_SCOPE
}
