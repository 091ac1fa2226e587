package dev.mcpkit.benchmarks.e2e;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty {@link Server} with one handler and nothing else: the floors of the comparison, {@link
 * BareJettyHandler} (the canned answer) and {@link JsonFloorHandler} (the JSON work alone), on the
 * connector the peers share ({@link PeerConnectors}).
 */
final class FloorServer implements RunningServer {
  private final Server server;
  private final ServerConnector connector;

  private FloorServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** The handler on Jetty's default thread pool (platform threads). */
  static FloorServer start(Handler handler) throws Exception {
    return start(new Server(), handler);
  }

  /**
   * The handler on a thread pool with Jetty's default virtual-thread executor: Jetty runs a
   * blocking handler on a virtual thread per request.
   */
  static FloorServer onVirtualThreads(Handler handler) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
    return start(new Server(threads), handler);
  }

  private static FloorServer start(Server server, Handler handler) throws Exception {
    ServerConnector connector = PeerConnectors.loopback(server);
    server.setHandler(handler);
    server.start();
    return new FloorServer(server, connector);
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
      System.err.println("floor server stop: " + e);
    }
  }
}
