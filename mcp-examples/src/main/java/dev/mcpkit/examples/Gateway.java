package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.GatewayAuth;
import dev.mcpkit.gateway.GatewayConfigException;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The MCP gateway over Streamable HTTP, or over stdio with {@code --stdio}: one endpoint in front
 * of the upstreams given on the command line or in a configuration file ({@link GatewayOptions}).
 *
 * <pre>
 * ./run-example Gateway --upstream everything=http://127.0.0.1:8080/mcp --port 9090
 * ./run-example Gateway --config gateway.yaml --auth-issuer https://auth.example.com
 * ./run-example Gateway --upstream "files=stdio:npx -y @modelcontextprotocol/server-filesystem /tmp"
 * ./run-example Gateway --stdio --upstream remote=https://mcp.example.com/mcp
 * ./run-example Gateway --tapes tapes --upstream everything=http://127.0.0.1:8080/mcp
 * ./run-example Gateway --upstream everything=tape:tapes/20261202T062500Z-3f2a9c01d4e5.jsonl
 * </pre>
 *
 * <p>Over HTTP, once it serves, it prints one line, {@code MCP endpoint: http://HOST:PORT/mcp}, on
 * standard output. With {@code --stdio} standard output carries nothing but JSON-RPC (the log goes
 * to standard error), and the gateway exits with status 0 at the end of its input, after closing
 * its upstream sessions and stopping its stdio upstreams. A bad command line or configuration
 * prints what is wrong on standard error and exits with status 2; an upstream that cannot be
 * reached or started at start, with status 1.
 */
public final class Gateway implements AutoCloseable {
  private final McpGateway gateway;
  private final McpHttpServer server;

  private Gateway(McpGateway gateway, McpHttpServer server) {
    this.gateway = gateway;
    this.server = server;
  }

  /**
   * Serves a gateway on a host and port.
   *
   * @param gateway the gateway
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @return the running gateway
   */
  static Gateway start(McpGateway gateway, String host, int port) {
    return start(gateway, host, port, null);
  }

  /**
   * Serves a gateway on a host and port, its clients authenticated as configured.
   *
   * @param gateway the gateway
   * @param host the address to bind
   * @param port the port, 0 for a free one
   * @param auth how clients authenticate, or {@code null} for anonymous access
   * @return the running gateway
   */
  static Gateway start(McpGateway gateway, String host, int port, @Nullable GatewayAuth auth) {
    requireNonNull(gateway, "gateway");
    // An OAuth-protected gateway must know its resource URI, port included, before it binds.
    int boundPort = auth != null && port == 0 ? freePort(host) : port;
    McpHttpServer.Builder builder =
        McpHttpServer.builder().engine(gateway.engine()).host(host).port(boundPort);
    if (auth != null) {
      String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      auth.install(
          builder, URI.create("http://" + uriHost + ":" + boundPort + McpHttpServer.DEFAULT_PATH));
    }
    McpHttpServer server = builder.build();
    server.start();
    return new Gateway(gateway, server);
  }

  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }

  /**
   * The gateway's MCP endpoint.
   *
   * @return the URL
   */
  URI endpoint() {
    return server.endpoint();
  }

  /**
   * Blocks until the server stops.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  void join() throws InterruptedException {
    server.join();
  }

  /** The gateway itself. */
  McpGateway gateway() {
    return gateway;
  }

  @Override
  public void close() {
    server.close();
    gateway.close();
  }

  /**
   * Starts the gateway and blocks until the process ends.
   *
   * @param args see {@link GatewayOptions}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    GatewayOptions options;
    try {
      options = GatewayOptions.parse(args);
    } catch (IllegalArgumentException | GatewayConfigException e) {
      System.err.println("gateway: " + e.getMessage());
      System.exit(2);
      return;
    }
    McpGateway gateway;
    try {
      gateway = options.gateway();
    } catch (IllegalArgumentException e) {
      System.err.println("gateway: " + e.getMessage());
      System.exit(2);
      return;
    } catch (IllegalStateException e) {
      System.err.println("gateway: " + e.getMessage());
      System.exit(1);
      return;
    }
    if (options.stdio()) {
      // The client's one session lives as long as the input: at its end the session closes,
      // and with the gateway its upstream sessions and children.
      try {
        StdioServing.serve(gateway.engine(), gateway.sessions());
      } finally {
        gateway.close();
      }
      System.exit(0);
      return;
    }
    Gateway running = start(gateway, options.host(), options.port(), options.config().auth());
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "gateway-shutdown"));
    System.out.println("MCP endpoint: " + running.endpoint());
    System.out.flush();
    running.server.join();
  }
}
