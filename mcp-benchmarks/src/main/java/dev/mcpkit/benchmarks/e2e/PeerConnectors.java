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

  /** The system property that sets every server's selector count; 0 or absent: Jetty's choice. */
  static final String SELECTORS_PROPERTY = "mcpkit.benchmarks.selectors";

  /**
   * The selector count asked for with {@value #SELECTORS_PROPERTY} (issue 20's 1-vs-2 selectors
   * measurement), for mcpkit and the peers alike; 0 for Jetty's choice.
   */
  static int selectors() {
    return Integer.getInteger(SELECTORS_PROPERTY, 0);
  }

  static ServerConnector loopback(Server server) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    int selectors = selectors();
    ServerConnector connector =
        new ServerConnector(
            server,
            -1,
            selectors == 0 ? -1 : selectors,
            new HttpConnectionFactory(http),
            new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    return connector;
  }
}
