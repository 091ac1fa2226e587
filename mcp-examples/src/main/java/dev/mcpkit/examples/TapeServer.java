package dev.mcpkit.examples;

import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A recorded tape served as an MCP server over Streamable HTTP: a mock of the server the tape
 * recorded, for tests that run a recorded conversation without it. It is the gateway with the tape
 * as its one upstream, so it presents the recorded server's {@code serverInfo}, capabilities and
 * instructions, and answers each request with the recorded answer of the same method and params, in
 * order (see {@link UpstreamConfig#tape}).
 *
 * <pre>
 * ./run-example TapeServer --tape tapes/20261202T062500Z-3f2a9c01d4e5.jsonl --port 0
 * ./run-example TapeServer --tape FILE --upstream everything --host 127.0.0.1 --port 9191
 * </pre>
 *
 * <p>{@code --upstream NAME} picks the recorded upstream when the tape holds several. Once it
 * serves, it prints {@code MCP endpoint: http://HOST:PORT/mcp}. A bad command line exits with
 * status 2, a tape that cannot be read with status 1.
 */
public final class TapeServer {
  private TapeServer() {}

  /**
   * Serves a tape until the process ends.
   *
   * @param args {@code --tape FILE} and optionally {@code --upstream NAME}, {@code --host}, {@code
   *     --port}
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    Path tape = null;
    String upstream = "tape";
    String host = ServerOptions.DEFAULT_HOST;
    int port = ServerOptions.DEFAULT_PORT;
    try {
      for (int i = 0; i < args.length; i++) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(args[i] + " needs a value");
        }
        String value = args[++i];
        switch (args[i - 1]) {
          case "--tape" -> tape = Path.of(value);
          case "--upstream" -> upstream = value;
          case "--host" -> host = value;
          case "--port" -> port = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
        }
      }
      if (tape == null || !Files.isRegularFile(tape)) {
        throw new IllegalArgumentException("give --tape FILE, an existing tape file");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("tape-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    McpGateway gateway;
    try {
      gateway = McpGateway.builder().upstream(UpstreamConfig.tape(upstream, tape)).build();
    } catch (RuntimeException e) {
      System.err.println("tape-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    Gateway running = Gateway.start(gateway, host, port);
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "tape-server-shutdown"));
    System.out.println("MCP endpoint: " + running.endpoint());
    System.out.flush();
    running.join();
  }
}
