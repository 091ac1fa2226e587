package dev.mcpkit.benchmarks.e2e;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A Jetty {@link Server} with only a {@link JsonFloorHandler}: the JSON floor of issue 20, on the
 * I/O thread or, through Jetty's own virtual-thread support, on a virtual thread per request.
 */
final class JsonFloorServer implements RunningServer {
  private final Server server;
  private final ServerConnector connector;

  private JsonFloorServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /** The handler answers on the I/O thread. */
  static JsonFloorServer nonBlocking() throws Exception {
    return start(new Server(), new JsonFloorHandler.NonBlocking());
  }

  /** The handler blocks, so Jetty runs it on a virtual thread of its pool. */
  static JsonFloorServer onVirtualThreads() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setVirtualThreadsExecutor(VirtualThreads.getDefaultVirtualThreadsExecutor());
    return start(new Server(threads), new JsonFloorHandler.OnVirtualThread());
  }

  private static JsonFloorServer start(Server server, Handler handler) throws Exception {
    ServerConnector connector = PeerConnectors.loopback(server);
    server.setHandler(handler);
    server.start();
    return new JsonFloorServer(server, connector);
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
      System.err.println("json floor server stop: " + e);
    }
  }
}
