package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Gateway.main} as scripts see it: a separate JVM on the module path that prints exactly one
 * {@code MCP endpoint:} line once it serves, and a bad configuration answered with the key and the
 * problem on standard error, status 2 and no stack trace.
 */
class GatewayMainTest {
  @TempDir Path dir;

  private static Process start(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("tests run on the module path").isNotBlank();
    List<String> command =
        new ArrayList<>(
            List.of(
                java, "-p", modulePath, "-m", "dev.mcpkit.examples/dev.mcpkit.examples.Gateway"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  @Test
  void servesTheUpstreamsOfItsConfigAndPrintsTheEndpointLine() throws Exception {
    try (EverythingServer upstream = EverythingServer.start("127.0.0.1", 0)) {
      Path config =
          Files.writeString(
              dir.resolve("gateway.yaml"),
              "upstreams:\n  - name: everything\n    url: " + upstream.endpoint() + "\n");
      Process process = start("--config", config.toString(), "--port", "0");
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader stdout =
                        new BufferedReader(
                            new InputStreamReader(
                                process.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line = stdout.readLine();
                          line != null;
                          line = stdout.readLine()) {
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
        try (McpClient client = McpHttpClient.builder(endpoint).build()) {
          assertThat(client.initialize().serverName()).isEqualTo("mcpkit-everything-server");
          assertThat(client.listTools()).isNotEmpty();
        }
        process.destroy();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(lines).as("nothing after the endpoint line").isEmpty();
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void aBadConfigNamesTheKeyAndExitsWithTwo() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("gateway.yaml"), "upstreams:\n  - name: a\n    url: ftp://x/mcp\n");
    Process process = start("--config", config.toString());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr)
        .startsWith("gateway: " + config + ": upstreams[0].url: must be an http or https URL")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void aStdioUpstreamIsRefusedClearly() throws Exception {
    Process process = start("--upstream", "files=stdio:npx server-filesystem");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(stderr.strip())
        .isEqualTo("gateway: upstream files: stdio upstreams arrive with the stdio transport");
  }
}
