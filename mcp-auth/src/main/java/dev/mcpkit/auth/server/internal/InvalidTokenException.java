package dev.mcpkit.auth.server.internal;

import java.io.Serial;

/**
 * A presented token is not acceptable (RFC 6750 {@code invalid_token}). Its message goes to the
 * client as the {@code error_description}: it says what is wrong, never echoes the token.
 */
final class InvalidTokenException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final String reason;

  InvalidTokenException(String reason) {
    super(reason, null, false, false); // expected on the request path: no stack trace to fill
    this.reason = reason;
  }

  /** What is wrong with the token, for the client. */
  String reason() {
    return reason;
  }
}
