package dev.mcpkit.examples;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} for the examples' cluster tests, on a free loopback port with the
 * append-only file on, so that a stop and a start keep the data as a production Redis with
 * persistence would. Needs {@code redis-server} on the PATH ({@code .ci/run} installs it). (The
 * mcp-store-redis tests have their own: test classes of a named module cannot be shared.)
 */
final class RedisProcess implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private RedisProcess(Path dir, int port) throws IOException {
    this.dir = dir;
    this.port = port;
    this.process = launch();
  }

  /** Starts a server on a free port and waits until it answers. */
  static RedisProcess start() {
    try {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      return new RedisProcess(Files.createTempDirectory("mcpkit-gateway-redis-"), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server (SIGTERM: it flushes its append-only file) and waits until it is gone. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** Starts it again on the same port, with the data it had. */
  void restart() throws IOException {
    process = launch();
  }

  private Process launch() throws IOException {
    Process started;
    try {
      started =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--dir",
                      dir.toString(),
                      "--save",
                      "",
                      "--appendonly",
                      "yes",
                      "--appendfsync",
                      "always",
                      "--loglevel",
                      "warning"))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new IOException("cannot run redis-server (apt-get install redis-server)", e);
    }
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(this::answersPing);
    return started;
  }

  private boolean answersPing() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII)
          .equals("+PONG\r\n");
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory: best effort
    }
  }
}
