package dev.mcpkit.api.client;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The server's answer to a request (or a message of its stream) was larger than the client accepts
 * (its message limit): the client did not buffer it, and the request failed. The server and the
 * connection are fine; the next request is served as usual.
 */
public final class AnswerTooLargeException extends McpClientException {
  @Serial private static final long serialVersionUID = 1L;

  /** The client's limit, in bytes. */
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param message what was too large, and the limit
   * @param limit the client's limit, in bytes
   * @param cause the transport's failure, or {@code null}
   */
  public AnswerTooLargeException(String message, long limit, @Nullable Throwable cause) {
    super(message, cause);
    this.limit = limit;
  }

  /**
   * The client's limit that the answer exceeded.
   *
   * @return bytes
   */
  public long limit() {
    return limit;
  }
}
