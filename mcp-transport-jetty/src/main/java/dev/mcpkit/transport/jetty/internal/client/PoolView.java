package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.spi.transport.HttpClientObserver;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.ConnectionPool;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpDestination;

/**
 * A live view of the connection pool of an MCP client's {@link HttpClient}: the sums over its
 * destinations (one, normally: the MCP endpoint's origin). Jetty's pool counts idle and active
 * connections ({@link AbstractConnectionPool}); a destination queues the requests that wait for a
 * connection ({@link HttpDestination#getQueuedRequestCount()}). Thread-safe: those counters are,
 * and the destinations are read from Jetty's concurrent map on every call.
 */
final class PoolView implements HttpClientObserver.ConnectionPool {
  private final HttpClient http;
  private final String scheme;
  private final String host;
  private final int port;

  PoolView(HttpClient http, String scheme, String host, int port) {
    this.http = http;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public String serverAddress() {
    return host;
  }

  @Override
  public int serverPort() {
    return port;
  }

  @Override
  public int idleConnections() {
    int idle = 0;
    for (Destination destination : http.getDestinations()) {
      if (destination.getConnectionPool() instanceof AbstractConnectionPool pool) {
        idle += pool.getIdleConnectionCount();
      }
    }
    return idle;
  }

  @Override
  public int activeConnections() {
    int active = 0;
    for (Destination destination : http.getDestinations()) {
      ConnectionPool pool = destination.getConnectionPool();
      if (pool instanceof AbstractConnectionPool counted) {
        active += counted.getActiveConnectionCount();
      }
    }
    return active;
  }

  @Override
  public int pendingAcquisitions() {
    int pending = 0;
    for (Destination destination : http.getDestinations()) {
      if (destination instanceof HttpDestination queued) {
        pending += queued.getQueuedRequestCount();
      }
    }
    return pending;
  }
}
