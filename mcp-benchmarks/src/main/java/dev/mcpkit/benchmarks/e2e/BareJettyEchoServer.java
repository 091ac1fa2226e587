package dev.mcpkit.benchmarks.e2e;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A Jetty {@link Server} with only {@link BareJettyHandler}: the floor of the comparison. */
final class BareJettyEchoServer implements RunningServer {
  private final Server server;
  private final ServerConnector connector;

  private BareJettyEchoServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  static BareJettyEchoServer start() throws Exception {
    Server server = new Server();
    ServerConnector connector = PeerConnectors.loopback(server);
    server.setHandler(new BareJettyHandler());
    server.start();
    return new BareJettyEchoServer(server, connector);
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      System.err.println("jetty server stop: " + e);
    }
  }
}
