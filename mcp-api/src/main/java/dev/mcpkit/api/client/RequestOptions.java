package dev.mcpkit.api.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Per-call options: a timeout (the client's default when absent) and a progress listener (when
 * present, the request carries a {@code progressToken}).
 *
 * {@snippet :
 * RequestOptions options = RequestOptions.defaults()
 *     .withTimeout(Duration.ofSeconds(5))
 *     .withProgress(p -> log(p.progress() + "/" + p.total()));
 * }
 *
 * @param timeout how long to wait for the answer, or {@code null} for the client's default
 * @param progress the listener, or {@code null}
 * @param streamPaused called when the server ended the answer's SSE stream before the response (SSE
 *     polling) and the client is about to resume it, or {@code null}
 */
public record RequestOptions(
    @Nullable Duration timeout,
    @Nullable ProgressListener progress,
    @Nullable Runnable streamPaused) {
  private static final RequestOptions DEFAULTS = new RequestOptions(null, null, null);

  /**
   * Options without a stream-paused listener.
   *
   * @param timeout how long to wait for the answer, or {@code null} for the client's default
   * @param progress the listener, or {@code null}
   */
  public RequestOptions(@Nullable Duration timeout, @Nullable ProgressListener progress) {
    this(timeout, progress, null);
  }

  /** Validates the timeout. */
  public RequestOptions {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * The client's defaults: its request timeout, no progress.
   *
   * @return the defaults
   */
  public static RequestOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns these options with a timeout.
   *
   * @param timeout positive
   * @return new options
   */
  public RequestOptions withTimeout(Duration timeout) {
    return new RequestOptions(requireNonNull(timeout, "timeout"), progress, streamPaused);
  }

  /**
   * Returns these options with a progress listener.
   *
   * @param listener called on the thread reading the server's stream, in order
   * @return new options
   */
  public RequestOptions withProgress(ProgressListener listener) {
    return new RequestOptions(timeout, requireNonNull(listener, "listener"), streamPaused);
  }

  /**
   * Returns these options with a listener of paused streams: the server ended the answer's SSE
   * stream before the response, as SSE polling allows (MCP 2025-11-25), and the client is about to
   * resume it with {@code GET} and {@code Last-Event-ID}. A gateway passes the pause on to its own
   * client. Transports without such streams never call it.
   *
   * @param listener called on the thread reading the stream, before each resumption
   * @return new options
   */
  public RequestOptions withStreamPaused(Runnable listener) {
    return new RequestOptions(timeout, progress, requireNonNull(listener, "listener"));
  }

  /**
   * The timeout, if set.
   *
   * @return the timeout
   */
  public Optional<Duration> timeoutIfSet() {
    return Optional.ofNullable(timeout);
  }
}
