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
 */
public record RequestOptions(@Nullable Duration timeout, @Nullable ProgressListener progress) {
  private static final RequestOptions DEFAULTS = new RequestOptions(null, null);

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
    return new RequestOptions(requireNonNull(timeout, "timeout"), progress);
  }

  /**
   * Returns these options with a progress listener.
   *
   * @param listener called on the thread reading the server's stream, in order
   * @return new options
   */
  public RequestOptions withProgress(ProgressListener listener) {
    return new RequestOptions(timeout, requireNonNull(listener, "listener"));
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
