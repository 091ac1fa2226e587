package dev.mcpkit.api.spi.transport;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Observes the HTTP layer of an MCP client: each HTTP exchange, each connection's life, and the
 * connection pool (metrics).
 *
 * <p>The client calls {@link #requestStarted} when it sends an HTTP request and {@link
 * Exchange#ended} once the exchange completed (for a stream: when it ended), on Jetty's threads;
 * {@link #connectionClosed} when a pooled connection closed; and {@link #poolStarted} once, with a
 * live view of its pool that an observer may read at any time (e.g. when metrics are collected),
 * until the returned handle is closed with the client. Implementations are thread-safe, short,
 * non-blocking and never throw. With {@link #NONE} the client installs no listener at all.
 */
public interface HttpClientObserver {

  /** The observer that observes nothing. */
  HttpClientObserver NONE = new HttpClientObserver() {};

  /**
   * Called when an HTTP request is sent.
   *
   * @param method the HTTP method, e.g. {@code POST}
   * @param scheme {@code http} or {@code https}
   * @param serverAddress the server's host
   * @param serverPort the server's port
   * @return the handle to end the exchange with; never {@code null}
   */
  default Exchange requestStarted(
      String method, String scheme, String serverAddress, int serverPort) {
    return Exchange.NONE;
  }

  /**
   * Called when a connection of the pool closed.
   *
   * @param scheme {@code http} or {@code https}
   * @param serverAddress the server's host
   * @param serverPort the server's port
   * @param networkProtocolVersion {@code "1.1"} or {@code "2"}
   * @param lived how long the connection was open
   */
  default void connectionClosed(
      String scheme,
      String serverAddress,
      int serverPort,
      String networkProtocolVersion,
      Duration lived) {}

  /**
   * Called once when the client started, with a live view of its connection pool.
   *
   * @param pool the pool; its getters are thread-safe and cheap
   * @return closed when the client closes (stop reading the pool then); never {@code null}
   */
  default Registration poolStarted(ConnectionPool pool) {
    return Registration.NONE;
  }

  /** A live, read-only view of a client's connection pool. */
  interface ConnectionPool {
    /** {@return {@code http} or {@code https}} */
    String scheme();

    /** {@return the server's host} */
    String serverAddress();

    /** {@return the server's port} */
    int serverPort();

    /** {@return connections open and not carrying a request} */
    int idleConnections();

    /** {@return connections carrying at least one request} */
    int activeConnections();

    /** {@return requests waiting for a connection to be acquired} */
    int pendingAcquisitions();
  }

  /** Ends a {@link #poolStarted} registration. */
  interface Registration extends AutoCloseable {
    /** The registration that does nothing. */
    Registration NONE = () -> {};

    /** Stops observing; idempotent, never throws. */
    @Override
    void close();
  }

  /** One HTTP exchange; ended exactly once. */
  interface Exchange {
    /** The handle that does nothing. */
    Exchange NONE = (status, networkProtocolVersion, errorType) -> {};

    /**
     * Called when the exchange completed.
     *
     * @param status the response status, or {@code 0} if no response arrived
     * @param networkProtocolVersion {@code "1.1"}, {@code "2"}, or {@code null} if no response
     *     arrived
     * @param errorType {@code null} if the exchange completed; otherwise the failure's class name
     */
    void ended(int status, @Nullable String networkProtocolVersion, @Nullable String errorType);
  }
}
