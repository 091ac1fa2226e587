package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.spi.transport.HttpClientObserver;
import java.time.Duration;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.jspecify.annotations.Nullable;

/**
 * Reports the life of each HTTP connection of a client's pool: a {@link Connection.Listener} bean
 * of the {@code HttpClient}, which Jetty adds to every connection it creates. Only the connections
 * that carry HTTP count (an HTTP/1.1 connection is a client {@code Connection}; an HTTP/2 one an
 * {@link HTTP2Connection}); TLS and ALPN connections beneath them do not. Stateless and
 * thread-safe: the connection's own creation time gives its age.
 */
final class ConnectionObserver implements Connection.Listener {
  private final HttpClientObserver observer;
  private final String scheme;
  private final String host;
  private final int port;

  ConnectionObserver(HttpClientObserver observer, String scheme, String host, int port) {
    this.observer = observer;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  @Override
  public void onClosed(Connection connection) {
    String version = versionOf(connection);
    if (version == null) {
      return;
    }
    long lived = Math.max(0, System.currentTimeMillis() - connection.getCreatedTimeStamp());
    observer.connectionClosed(scheme, host, port, version, Duration.ofMillis(lived));
  }

  /** The HTTP version a connection carries, or {@code null} if it carries none itself. */
  static @Nullable String versionOf(Connection connection) {
    if (connection instanceof HTTP2Connection) {
      return "2";
    }
    return connection instanceof org.eclipse.jetty.client.Connection ? "1.1" : null;
  }
}
