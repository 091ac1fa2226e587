package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code EverythingServer.main} as scripts see it: a separate JVM on the module path, started with
 * {@code --port 0}, prints exactly one line {@code MCP endpoint: http://127.0.0.1:PORT/mcp} on
 * standard output once it serves, and stops on SIGTERM.
 */
class EverythingServerMainTest {

  @Test
  void printsExactlyTheEndpointLineOnceServing() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("tests run on the module path").isNotBlank();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-p",
                    modulePath,
                    "-m",
                    "dev.mcpkit.examples/dev.mcpkit.examples.EverythingServer",
                    "--port",
                    "0"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader stdout =
                      new BufferedReader(
                          new InputStreamReader(
                              process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
                      lines.add(line);
                    }
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
    try {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).matches("MCP endpoint: http://127\\.0\\.0\\.1:[1-9][0-9]*/mcp");
      URI endpoint = URI.create(line.substring("MCP endpoint: ".length()));
      try (Socket serving = new Socket(endpoint.getHost(), endpoint.getPort())) {
        assertThat(serving.isConnected()).as("listening once the line is out").isTrue();
      }

      process.destroy(); // SIGTERM: the shutdown hook closes the server
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(lines).as("nothing after the endpoint line").isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }
}
