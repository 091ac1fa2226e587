package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.server.McpEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An {@link McpStdioServer} serving in this JVM on two OS pipes ({@link Pipe}), with the client's
 * ends for the test: {@link #send} writes a line to the server's input, {@link #next} takes the
 * next line of its output (read by a thread of its own into a queue).
 */
final class PipedServer implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final OutputStream toServer;
  private final InputStream fromServer;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CountDownLatch served = new CountDownLatch(1);
  private final McpStdioServer server;

  PipedServer(McpEngine engine, UnaryOperator<McpStdioServer.Builder> options) throws IOException {
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    this.toServer = Channels.newOutputStream(in.sink());
    this.fromServer = Channels.newInputStream(out.source());
    this.server =
        options
            .apply(
                McpStdioServer.builder(engine)
                    .input(Channels.newInputStream(in.source()))
                    .output(Channels.newOutputStream(out.sink())))
            .build();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                server.serve();
              } finally {
                served.countDown();
              }
            });
    Thread.ofVirtual().start(this::readLines);
  }

  /** The server's input, for a client that writes itself. */
  OutputStream clientOut() {
    return toServer;
  }

  /** The server's output, for a client that reads itself (then {@link #next} sees nothing). */
  InputStream clientIn() {
    return fromServer;
  }

  private void readLines() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The pipe closed: the test is over.
    }
  }

  void send(String line) {
    try {
      toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toServer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode next() throws InterruptedException {
    String line = lines.poll(10, TimeUnit.SECONDS);
    assertThat(line).as("a line from the server within 10 s").isNotNull();
    return JSON.readTree(line);
  }

  /** Skips notifications and requests until the response with this id. */
  JsonNode responseTo(int id) throws InterruptedException {
    while (true) {
      JsonNode message = next();
      if (message.has("id") && !message.has("method") && message.path("id").asInt() == id) {
        return message;
      }
    }
  }

  void initialize() throws InterruptedException {
    send(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    assertThat(responseTo(1).at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
  }

  /** Ends the server's input, as a client that exits does. */
  void endInput() throws IOException {
    toServer.close();
  }

  boolean awaitServed(Duration timeout) throws InterruptedException {
    return served.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    toServer.close();
    fromServer.close();
  }
}
