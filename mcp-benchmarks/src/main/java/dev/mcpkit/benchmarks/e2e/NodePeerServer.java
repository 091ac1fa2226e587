package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An npm proxy that exposes a stdio MCP server over Streamable HTTP, as its README says to run it,
 * at {@code http://127.0.0.1:PORT/mcp}: {@code supergateway --stateful --outputTransport
 * streamableHttp --logLevel none} (logging off: at its default level it logs every message) or
 * {@code mcp-proxy --server stream --host 127.0.0.1}. Its output goes to {@code <kind>-peer.log} in
 * the working folder. Its own CPU time is the node process's, the upstream's that of the node
 * process's descendants (the stdio servers it started), both read from the OS.
 */
final class NodePeerServer implements RunningServer {
  private final Process node;
  private final int port;

  private NodePeerServer(Process node, int port) {
    this.node = node;
    this.port = port;
  }

  /** Starts the proxy of a kind in front of its stdio upstream and waits until it listens. */
  static NodePeerServer start(ServerKind kind) throws IOException, InterruptedException {
    Path peers = StdioCommands.peers();
    List<String> upstream = StdioCommands.of(kind.upstream());
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add("node");
    switch (kind.front()) {
      case SUPERGATEWAY -> {
        command.add(peers.resolve("node_modules/supergateway/dist/index.js").toString());
        command.addAll(
            List.of(
                "--stdio",
                StdioCommands.shellLine(upstream),
                "--outputTransport",
                "streamableHttp",
                "--stateful",
                "--streamableHttpPath",
                "/mcp",
                "--port",
                Integer.toString(port),
                "--logLevel",
                "none"));
      }
      case MCP_PROXY -> {
        command.add(peers.resolve("node_modules/mcp-proxy/dist/bin/mcp-proxy.mjs").toString());
        command.addAll(
            List.of(
                "--server",
                "stream",
                "--endpoint",
                "/mcp",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--"));
        command.addAll(upstream);
      }
      case NONE, MCPKIT -> throw new IllegalArgumentException(kind + " is not an npm proxy");
    }
    Path log = Path.of(kind.label() + "-peer.log").toAbsolutePath();
    Process node =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    NodePeerServer server = new NodePeerServer(node, port);
    try {
      server.awaitListening(kind, log);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Polls the port until it accepts a connection (the proxy printed nothing we could wait on). */
  private void awaitListening(ServerKind kind, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!node.isAlive()) {
        throw new IOException(kind.label() + " exited with " + node.exitValue() + "; see " + log);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100); // a start-up poll, not a test's synchronization
      }
    }
    throw new IOException(kind.label() + " did not listen on " + port + " within 60 s; see " + log);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public long cpuNanos() {
    return ProcessCpu.of(node.toHandle());
  }

  @Override
  public long upstreamCpuNanos() {
    return ProcessCpu.ofDescendants(node.toHandle());
  }

  @Override
  public void close() {
    // The stdio children first: a killed node may leave them orphaned.
    node.toHandle().descendants().forEach(ProcessHandle::destroy);
    node.destroy();
    try {
      if (!node.waitFor(10, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
    } catch (InterruptedException e) {
      node.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
