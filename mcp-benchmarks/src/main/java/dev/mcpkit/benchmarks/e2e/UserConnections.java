package dev.mcpkit.benchmarks.e2e;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Hands out the measured users' connections for one phase of the run, and closes them when the
 * phase ends. With the lean generator: over HTTP/1.1 a {@link RawHttp1Connection} per user, all
 * driven by one {@link Http1EventLoop}; over h2c a {@link RawH2cConnection} per user, {@value
 * #USERS_PER_SESSION} users sharing one HTTP/2 session (Jetty servers allow 128 concurrent streams
 * per connection by default). With the Jetty generator: views of the shared {@link LoadClient} (its
 * pool is the connections).
 *
 * <p>Thread-safe: connections are handed out and closed under this object's lock; each is then used
 * by its user only.
 */
final class UserConnections implements AutoCloseable {
  static final int USERS_PER_SESSION = 100;

  private final LoadClient client;
  private final LoadGenerator generator;
  private final List<RawHttp1Connection> http1 = new ArrayList<>();
  private final Map<URI, List<Session>> h2cSessions = new HashMap<>();
  private final Map<URI, Integer> h2cUsers = new HashMap<>();
  private @Nullable HTTP2Client http2; // created on first use
  private @Nullable Http1EventLoop http1Loop; // created on first use

  private UserConnections(LoadClient client, LoadGenerator generator) {
    this.client = client;
    this.generator = generator;
  }

  /** Connections for a phase driven over {@code client}'s protocol with the given generator. */
  static UserConnections of(LoadClient client, LoadGenerator generator) {
    return new UserConnections(client, generator);
  }

  /** A connection for one user of {@code endpoint}, sending its credentials on every request. */
  synchronized UserConnection connect(Endpoint endpoint) throws Exception {
    if (generator == LoadGenerator.JETTY) {
      return client.to(endpoint);
    }
    if (client.protocol() == Protocol.HTTP1) {
      if (http1Loop == null) {
        http1Loop = new Http1EventLoop();
      }
      RawHttp1Connection connection = new RawHttp1Connection(http1Loop, endpoint);
      http1.add(connection);
      return connection;
    }
    URI uri = endpoint.uri();
    int user = h2cUsers.merge(uri, 1, Integer::sum) - 1;
    List<Session> sessions = h2cSessions.computeIfAbsent(uri, e -> new ArrayList<>());
    if (user / USERS_PER_SESSION >= sessions.size()) {
      sessions.add(
          http2()
              .connect(
                  new InetSocketAddress(uri.getHost(), uri.getPort()), new Session.Listener() {})
              .get(30, TimeUnit.SECONDS));
    }
    return new RawH2cConnection(sessions.get(user / USERS_PER_SESSION), endpoint);
  }

  private HTTP2Client http2() throws Exception {
    if (http2 == null) {
      http2 = new HTTP2Client(new ClientConnector());
      http2.start();
    }
    return http2;
  }

  /** Closes the connections handed out; call after their users stopped. */
  @Override
  public synchronized void close() throws Exception {
    http1.forEach(RawHttp1Connection::close);
    http1.clear();
    if (http1Loop != null) {
      http1Loop.close();
      http1Loop = null;
    }
    h2cSessions
        .values()
        .forEach(
            list -> list.forEach(s -> s.close(ErrorCode.NO_ERROR.code, "done", Callback.NOOP)));
    h2cSessions.clear();
    h2cUsers.clear();
    if (http2 != null) {
      http2.stop();
      http2 = null;
    }
  }
}
