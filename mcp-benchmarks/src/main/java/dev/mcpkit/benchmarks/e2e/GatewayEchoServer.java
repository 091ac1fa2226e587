package dev.mcpkit.benchmarks.e2e;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * mcpkit's gateway serving the echo tool of one upstream, as a user would run it: {@code
 * McpGateway} on {@code McpHttpServer} (HTTP/1.1 and h2c), the client sessions configured like the
 * direct mcpkit server's. Its upstream is either the {@link ServerKind#MCPKIT} server in a JVM of
 * its own started from here (a {@link ServerProcess} in the sub-folder {@code
 * mcpkit-gateway-upstream}, whose CPU it reads over that JVM's control channel), or a stdio command
 * the gateway starts (whose CPU is read from the OS).
 */
final class GatewayEchoServer implements RunningServer {
  private final McpGateway gateway;
  private final McpHttpServer server;
  private final @Nullable ServerProcess httpUpstream;

  private GatewayEchoServer(
      McpGateway gateway, McpHttpServer server, @Nullable ServerProcess httpUpstream) {
    this.gateway = gateway;
    this.server = server;
    this.httpUpstream = httpUpstream;
  }

  /**
   * The gateway in front of the mcpkit echo server over HTTP, in a JVM started here.
   *
   * @param recording whether the gateway records tapes (into {@code mcpkit-gateway-tapes})
   */
  static GatewayEchoServer overHttp(boolean recording) throws Exception {
    Path folder = Files.createDirectories(Path.of("mcpkit-gateway-upstream").toAbsolutePath());
    ServerProcess upstream =
        ServerProcess.start(
            ServerKind.MCPKIT,
            ManagementFactory.getRuntimeMXBean().getClassPath(),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            folder,
            List.of(),
            null);
    try {
      return start(
          UpstreamConfig.http("echo", upstream.endpoint().uri()),
          upstream,
          recording ? tapeSettings() : null);
    } catch (RuntimeException e) {
      upstream.close();
      throw e;
    }
  }

  /**
   * The gateway in front of a stdio command: one child process, shared by every client session (the
   * gateway's stdio upstreams), whose CPU counts as the upstream's.
   */
  static GatewayEchoServer overStdio(List<String> command) {
    return start(
        new UpstreamConfig("echo", null, command, UpstreamConfig.DEFAULT_TIMEOUT, Map.of()),
        null,
        null);
  }

  /** The tapes of the recording kind: the defaults, the total bound from a system property. */
  private static TapeSettings tapeSettings() throws IOException {
    Path folder = Files.createDirectories(Path.of("mcpkit-gateway-tapes").toAbsolutePath());
    TapeSettings defaults = TapeSettings.of(folder);
    long total =
        Long.getLong("mcpkit.bench.tapes.maxTotalBytes", TapeSettings.DEFAULT_MAX_TOTAL_BYTES);
    return defaults.withMaxBytes(defaults.maxBytesPerTape(), total);
  }

  private static GatewayEchoServer start(
      UpstreamConfig upstream, @Nullable ServerProcess httpUpstream, @Nullable TapeSettings tapes) {
    McpGateway.Builder builder =
        McpGateway.builder()
            .upstream(upstream.withTimeout(Duration.ofSeconds(30)))
            .sessionPolicy(McpkitEchoServer.policy());
    if (tapes != null) {
      builder.tapes(tapes);
    }
    McpGateway gateway = builder.build();
    McpHttpServer server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .h2c(true)
            .engine(gateway.engine())
            .build();
    server.start();
    return new GatewayEchoServer(gateway, server, httpUpstream);
  }

  /** The gateway's endpoint, for tests. */
  URI endpoint() {
    return server.endpoint();
  }

  @Override
  public int port() {
    return server.port();
  }

  @Override
  public long upstreamCpuNanos() {
    return httpUpstream != null
        ? httpUpstream.cpuNanos()
        : ProcessCpu.ofDescendants(ProcessHandle.current());
  }

  @Override
  public void close() {
    server.close();
    gateway.close();
    gateway.tapeStats().ifPresent(stats -> System.err.println("mcpkit-gateway-tapes: " + stats));
    if (httpUpstream != null) {
      httpUpstream.close();
    }
  }
}
