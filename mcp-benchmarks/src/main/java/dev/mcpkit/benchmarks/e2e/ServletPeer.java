package dev.mcpkit.benchmarks.e2e;

import jakarta.servlet.Servlet;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A peer SDK's servlet transport served as a servlet container serves it: async-supported, mapped
 * at {@code /mcp} on Jetty's ee11 {@code ServletContextHandler}, behind the peers' connector
 * ({@link PeerConnectors#loopback}). Shared by the SDK's two servers ({@link SdkEchoServer}, {@link
 * SdkModernEchoServer}), so both are measured on the same container.
 */
final class ServletPeer implements RunningServer {
  /** Stops what the SDK runs beside its servlet. */
  @FunctionalInterface
  interface Shutdown {
    void run() throws Exception;
  }

  private final String name;
  private final Server server;
  private final ServerConnector connector;
  private final Shutdown shutdown;

  private ServletPeer(String name, Server server, ServerConnector connector, Shutdown shutdown) {
    this.name = name;
    this.server = server;
    this.connector = connector;
    this.shutdown = shutdown;
  }

  /**
   * Starts a server whose {@code /mcp} is the servlet.
   *
   * @param name the server's name, for a failure to stop
   * @param servlet the SDK's transport
   * @param shutdown stops the SDK's server, before Jetty stops
   */
  static ServletPeer start(String name, Servlet servlet, Shutdown shutdown) throws Exception {
    Server server = new Server();
    ServerConnector connector = PeerConnectors.loopback(server);
    ServletContextHandler context = new ServletContextHandler("/");
    ServletHolder holder = new ServletHolder("mcp", servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/mcp");
    server.setHandler(context);
    server.start();
    return new ServletPeer(name, server, connector, shutdown);
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      shutdown.run();
      server.stop();
    } catch (Exception e) {
      // Stopping at the end of a benchmark: nothing to recover.
      System.err.println(name + " server stop: " + e);
    }
  }
}
