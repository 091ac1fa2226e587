package dev.mcpkit.benchmarks.e2e;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of the stdio upstreams of the gateway comparison, as a proxy starts them: the
 * mcpkit echo server in a JVM of the same Java and class path as this one, and the npm {@code
 * server-everything} under node from the peers' install ({@link #peers()}).
 */
final class StdioCommands {
  /**
   * The stdio echo JVM's options, the same under every proxy: small heap, serial GC (one such JVM
   * per session under supergateway), the JIT left as it is so that it is not the bottleneck.
   */
  static final List<String> STDIO_JVM_OPTIONS = List.of("-Xms64m", "-Xmx256m", "-XX:+UseSerialGC");

  /**
   * The system property naming the folder of the npm peers' install ({@code mcp-benchmarks/peers},
   * where {@code npm ci} put {@code node_modules}); set by the driver for every server JVM.
   */
  static final String PEERS_PROPERTY = "mcpkit.e2e.peers";

  private StdioCommands() {}

  /** The mcpkit echo server on stdio. */
  static List<String> mcpkitEcho() {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(STDIO_JVM_OPTIONS);
    command.add("-cp");
    command.add(ManagementFactory.getRuntimeMXBean().getClassPath());
    command.add(StdioEchoServer.class.getName());
    return command;
  }

  /** The npm {@code @modelcontextprotocol/server-everything} on stdio. */
  static List<String> everything() {
    return List.of(
        "node",
        peers()
            .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js")
            .toString(),
        "stdio");
  }

  /** The stdio command of an upstream kind. */
  static List<String> of(ServerKind.Upstream upstream) {
    return switch (upstream) {
      case MCPKIT_STDIO -> mcpkitEcho();
      case EVERYTHING_STDIO -> everything();
      case NONE, MCPKIT_HTTP ->
          throw new IllegalArgumentException(upstream + " is not a stdio upstream");
    };
  }

  /** The folder of the npm peers' install. */
  static Path peers() {
    String folder = System.getProperty(PEERS_PROPERTY);
    if (folder == null) {
      throw new IllegalStateException("-D" + PEERS_PROPERTY + " is not set");
    }
    Path peers = Path.of(folder);
    if (!peers.resolve("node_modules").toFile().isDirectory()) {
      throw new IllegalStateException(
          "no npm install at " + peers + ": run (cd mcp-benchmarks/peers && npm ci) first");
    }
    return peers;
  }

  /** A command as one shell line, each word single-quoted (supergateway runs it in a shell). */
  static String shellLine(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String word : command) {
      if (!line.isEmpty()) {
        line.append(' ');
      }
      line.append('\'').append(word.replace("'", "'\\''")).append('\'');
    }
    return line.toString();
  }
}
