package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of one server JVM of the comparison: {@code ServerMain mcpkit|sdk|jetty} (or
 * {@code ServerMain mcpkit-oauth ISSUER}) starts that server on {@code 127.0.0.1}, an ephemeral
 * port, prints {@code READY <port>} and then answers one-line commands on standard input, each with
 * one line on standard output (the control channel, apart from the HTTP traffic under test):
 *
 * <ul>
 *   <li>{@code heap}: runs a full GC (twice) and answers {@code HEAP <bytes>}, the used heap from
 *       {@code MemoryMXBean} afterwards;
 *   <li>{@code cpu}: answers {@code CPU <nanoseconds>}, the CPU time this process used so far
 *       ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}), all threads together
 *       (for an npm proxy, which this JVM only starts, the node process's);
 *   <li>{@code upstream-cpu}: answers {@code UPSTREAM-CPU <nanoseconds>}, the CPU time of a proxy's
 *       upstream process(es) so far, or -1 for a server that answers itself;
 *   <li>{@code quit} (or end of input): stops the server and exits.
 * </ul>
 *
 * <p>Anything the servers log goes to standard error, which the driver sends to a file.
 */
public final class ServerMain {
  private ServerMain() {}

  /**
   * Starts the server named by {@code args[0]} and serves commands until {@code quit}.
   *
   * @param args the server kind: {@code mcpkit}, {@code sdk}, {@code sdk-modern} or {@code jetty};
   *     or {@code mcpkit-oauth} or {@code mcpkit-token-unchecked} and the issuer of the
   *     authorization server
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    ServerKind kind = args.length == 0 ? null : ServerKind.of(args[0]);
    if (kind == null || args.length != (kind.needsBearerToken() ? 2 : 1)) {
      System.err.println(
          "usage: ServerMain mcpkit|sdk|sdk-modern|jetty|mcpkit-gateway|supergateway|mcp-proxy|...,"
              + " or ServerMain mcpkit-oauth|mcpkit-token-unchecked ISSUER");
      System.exit(2);
      return;
    }
    // The control channel owns standard output; nothing else may write there.
    PrintStream control = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    try (RunningServer server = start(kind, args.length == 2 ? URI.create(args[1]) : null)) {
      control.println("READY " + server.port());
      BufferedReader commands =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = commands.readLine();
          line != null && !line.equals("quit");
          line = commands.readLine()) {
        control.println(answer(server, line.strip()));
      }
    }
    System.exit(0);
  }

  static RunningServer start(ServerKind kind, @Nullable URI issuer) throws Exception {
    return switch (kind) {
      case MCPKIT, MCPKIT_TOKEN_UNCHECKED, MCPKIT_BASELINE -> McpkitEchoServer.start();
      case MCPKIT_OAUTH -> McpkitEchoServer.startProtected(requireNonNull(issuer, "issuer"));
      case MCPKIT_TYPED -> McpkitEchoServer.startTyped();
      case MCPKIT_PLAIN -> McpkitEchoServer.startPlain();
      case SDK -> SdkEchoServer.start();
      case SDK_MODERN -> SdkModernEchoServer.start();
      case JETTY -> FloorServer.start(new BareJettyHandler());
      case JETTY_JSON -> FloorServer.start(new JsonFloorHandler.NonBlocking());
      case JETTY_JSON_VT -> FloorServer.onVirtualThreads(new JsonFloorHandler.OnVirtualThread());
      case MCPKIT_GATEWAY, MCPKIT_GATEWAY_BASELINE -> GatewayEchoServer.overHttp(false);
      case JETTY_RELAY -> JettyRelayServer.start();
      case MCPKIT_GATEWAY_TAPES, MCPKIT_GATEWAY_TAPES_BASELINE -> GatewayEchoServer.overHttp(true);
      case MCPKIT_GATEWAY_STDIO, MCPKIT_GATEWAY_EVERYTHING ->
          GatewayEchoServer.overStdio(StdioCommands.of(kind.upstream()));
      case SUPERGATEWAY, MCP_PROXY, SUPERGATEWAY_EVERYTHING, MCP_PROXY_EVERYTHING ->
          NodePeerServer.start(kind);
    };
  }

  private static String answer(RunningServer server, String command) throws IOException {
    return switch (command) {
      case "heap" -> "HEAP " + usedHeapAfterGc();
      case "cpu" -> "CPU " + server.cpuNanos();
      case "upstream-cpu" -> "UPSTREAM-CPU " + server.upstreamCpuNanos();
      default -> "ERROR unknown command: " + command;
    };
  }

  /**
   * Used heap after two full collections (the second catches what finalization-like cleanup freed).
   */
  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** CPU time of the whole process (all threads, user + system), in nanoseconds. */
  static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return -1;
  }
}
