package dev.mcpkit.benchmarks.e2e;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out the measured users' connections for one phase of the run: over HTTP/1.1 with the raw
 * generator a {@link RawHttp1Connection} per user, closed together when the phase ends; otherwise
 * views of the shared Jetty {@link LoadClient} (its pool is the connections).
 *
 * <p>Thread-safe: connections are handed out and closed under this object's lock; each is then
 * used by its user only.
 */
final class UserConnections implements AutoCloseable {
  private final LoadClient client;
  private final boolean raw;
  private final List<RawHttp1Connection> opened = new ArrayList<>();

  private UserConnections(LoadClient client, boolean raw) {
    this.client = client;
    this.raw = raw;
  }

  /** Connections for a phase driven over {@code client}'s protocol with the given HTTP/1.1 generator. */
  static UserConnections of(LoadClient client, Http1Generator generator) {
    return new UserConnections(client, client.protocol() == Protocol.HTTP1 && generator == Http1Generator.RAW);
  }

  /** A connection for one user of {@code endpoint}. */
  synchronized UserConnection connect(URI endpoint) {
    if (!raw) {
      return client.to(endpoint);
    }
    RawHttp1Connection connection = new RawHttp1Connection(endpoint);
    opened.add(connection);
    return connection;
  }

  /** Closes the raw connections handed out; call after their users stopped. */
  @Override
  public synchronized void close() {
    opened.forEach(RawHttp1Connection::close);
    opened.clear();
  }
}
