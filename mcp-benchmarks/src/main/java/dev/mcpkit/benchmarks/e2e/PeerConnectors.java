package dev.mcpkit.benchmarks.e2e;

import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The connector of the two peer servers (SDK and bare Jetty), built as mcpkit builds its own:
 * HTTP/1.1 and h2c on one loopback port, no {@code Server} header. Jetty's default thread pool
 * (platform threads), as a servlet container ships.
 */
final class PeerConnectors {
  private PeerConnectors() {}

  static ServerConnector loopback(Server server) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    return connector;
  }
}
