package dev.mcpkit.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor of a proxy ({@link ServerKind#JETTY_RELAY}): a Jetty {@link Server} with only {@link
 * JettyRelayHandler} in front of the {@link ServerKind#MCPKIT} echo server in a JVM of its own
 * (started here in the sub-folder {@code jetty-relay-upstream}, as {@link GatewayEchoServer} starts
 * the gateway's), through one Jetty {@link HttpClient} set up as mcpkit's gateway sets up its pool:
 * HTTP/1.1 to the upstream, 64 connections, no {@code User-Agent}, listeners run on the selector
 * thread (they never block). What relaying a call costs on Jetty with no MCP logic at all.
 */
final class JettyRelayServer implements RunningServer {
  private static final int MAX_CONNECTIONS = 64;

  private final Server server;
  private final ServerConnector connector;
  private final HttpClient client;
  private final ServerProcess upstream;

  private JettyRelayServer(
      Server server, ServerConnector connector, HttpClient client, ServerProcess upstream) {
    this.server = server;
    this.connector = connector;
    this.client = client;
    this.upstream = upstream;
  }

  static JettyRelayServer start() throws Exception {
    Path folder = Files.createDirectories(Path.of("jetty-relay-upstream").toAbsolutePath());
    ServerProcess upstream =
        ServerProcess.start(
            ServerKind.MCPKIT,
            ManagementFactory.getRuntimeMXBean().getClassPath(),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            folder,
            List.of(),
            null);
    HttpClient client = null;
    try {
      var transport =
          new HttpClientTransportDynamic(new ClientConnector(), HttpClientConnectionFactory.HTTP11);
      transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
      client = new HttpClient(transport);
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("relay-client");
      threads.setDaemon(true);
      client.setExecutor(threads);
      client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
      client.setFollowRedirects(false);
      client.setUserAgentField(null);
      client.start();
      Server server = new Server();
      ServerConnector connector = PeerConnectors.loopback(server);
      server.setHandler(new JettyRelayHandler(client, upstream.endpoint().uri()));
      server.start();
      return new JettyRelayServer(server, connector, client, upstream);
    } catch (Exception e) {
      if (client != null) {
        client.stop();
      }
      upstream.close();
      throw e;
    }
  }

  @Override
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public long upstreamCpuNanos() {
    return upstream.cpuNanos();
  }

  @Override
  public void close() {
    try {
      server.stop();
      client.stop();
    } catch (Exception e) {
      System.err.println("jetty relay stop: " + e);
    }
    upstream.close();
  }
}
