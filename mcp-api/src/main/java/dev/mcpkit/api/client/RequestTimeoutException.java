package dev.mcpkit.api.client;

import java.io.Serial;

/** A request got no answer in time; the server was sent {@code notifications/cancelled}. */
public final class RequestTimeoutException extends McpClientException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which request and how long
   */
  public RequestTimeoutException(String message) {
    super(message, null);
  }
}
