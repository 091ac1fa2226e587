package dev.mcpkit.transport.jetty.internal.client;

/**
 * The session was not found (404): the caller decides whether to re-initialize and retry. Carries
 * no message nor stack trace: it is control flow between the reader and the caller, never shown.
 */
final class SessionGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SessionGoneException() {
    super(null, null, false, false);
  }
}
