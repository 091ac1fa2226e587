package dev.mcpkit.api.spi.transport;

/**
 * Observes the HTTP exchanges of an MCP server transport: metrics, access logs.
 *
 * <p>The transport calls {@link #requestStarted} when it takes a request for one of its paths and
 * {@link Exchange#ended} once the exchange completed (for a GET stream: when the stream ended).
 * Calls come from many threads at once: implementations are thread-safe, short, non-blocking and
 * never throw. With {@link #NONE} the transport does no observation work beyond a few interface
 * calls per request.
 */
public interface HttpServerObserver {

  /** The observer that observes nothing. */
  HttpServerObserver NONE = new HttpServerObserver() {};

  /**
   * Called when an HTTP request starts.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param protocolVersion the HTTP version, {@code "1.1"}, {@code "2"} ...
   * @param scheme {@code http} or {@code https}
   * @return the handle to end the exchange with; never {@code null}
   */
  default Exchange requestStarted(String method, String protocolVersion, String scheme) {
    return Exchange.NONE;
  }

  /** Called when a GET opened (or resumed) a session's SSE stream. */
  default void sseStreamOpened() {}

  /** Called when an SSE stream that {@link #sseStreamOpened()} reported ended. */
  default void sseStreamClosed() {}

  /** Called when a request was refused with 503 because the bounded executor was saturated. */
  default void executorSaturated() {}

  /**
   * Called when an SSE stream (a GET, or a POST that would be answered as a stream) is refused
   * because its session or its client already holds as many as the server allows.
   */
  default void sseStreamRefused() {}

  /**
   * Called when an SSE connection whose client stopped reading is cut off because its output queue
   * passed the server's bound; its events stay in the event store for resumption.
   */
  default void sseStreamOverflowed() {}

  /** One HTTP exchange; ended exactly once. */
  interface Exchange {
    /** The handle that does nothing. */
    Exchange NONE = (status, failed) -> {};

    /**
     * Called when the exchange completed.
     *
     * @param status the response status
     * @param failed {@code true} if the exchange failed (connection lost, write failed)
     */
    void ended(int status, boolean failed);
  }
}
