package dev.mcpkit.transport.jetty.internal.client;

/**
 * A server's answer body or SSE event is larger than the client accepts ({@code
 * McpHttpClient.Builder.maxMessageBytes}): the exchange is aborted and its call fails with this
 * message, instead of the client buffering without bound.
 */
final class MessageTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final long limit;

  MessageTooLargeException(String what, long limit) {
    super(null, null, false, false);
    this.reason =
        "the server sent "
            + what
            + " of more than "
            + limit
            + " bytes, the client's limit (McpHttpClient.Builder.maxMessageBytes)";
    this.limit = limit;
  }

  @Override
  public String getMessage() {
    return reason;
  }

  /** The client's limit, in bytes. */
  long limit() {
    return limit;
  }

  /** The message, never {@code null}: what was too large and the limit. */
  String reason() {
    return reason;
  }
}
