package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Gateway.main} as scripts see it: a separate JVM on the module path that prints exactly one
 * {@code MCP endpoint:} line once it serves, and a bad configuration answered with the key and the
 * problem on standard error, status 2 and no stack trace; a stdio upstream given on the command
 * line; and {@code --stdio}, where standard output carries only JSON-RPC and the end of input ends
 * the upstream sessions and the process.
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

  /** The endpoint of a gateway's {@code MCP endpoint:} line, which must be its first line. */
  private static URI endpoint(String line) {
    assertThat(line).matches("MCP endpoint: http://127\\.0\\.0\\.1:[1-9][0-9]*/mcp");
    return URI.create(line.substring("MCP endpoint: ".length()));
  }

  /** Sends SIGTERM and waits for the gateway to stop. */
  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
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
        URI endpoint = endpoint(lines.poll(60, TimeUnit.SECONDS));
        try (McpClient client = McpHttpClient.builder(endpoint).build()) {
          assertThat(client.initialize().serverName()).isEqualTo("mcpkit-everything-server");
          assertThat(client.listTools()).isNotEmpty();
        }
        stop(process);
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

  /** The command line of a child JVM running an example's {@code main} on this test's paths. */
  private static String javaCommand(Class<?> main, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> path = new ArrayList<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        path.add(value);
      }
    }
    List<String> command =
        new ArrayList<>(
            List.of(java, "-cp", String.join(File.pathSeparator, path), main.getName()));
    command.addAll(List.of(args));
    return String.join(" ", command);
  }

  @Test
  void aStdioUpstreamOnTheCommandLineIsStartedAndServed() throws Exception {
    Process process =
        start(
            "--upstream",
            "hello=stdio:" + javaCommand(HelloServer.class, "--stdio"),
            "--port",
            "0");
    try {
      BufferedReader stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      URI endpoint = endpoint(stdout.readLine());
      try (McpClient client = McpHttpClient.builder(endpoint).build()) {
        assertThat(client.initialize().serverName()).isEqualTo("hello");
        assertThat(
                client
                    .callTool(
                        "greet",
                        tools.jackson.databind.node.JsonNodeFactory.instance
                            .objectNode()
                            .put("name", "stdio upstream"))
                    .structuredContent()
                    .path("message")
                    .asString())
            .isEqualTo("Hello, stdio upstream!");
      }
    } finally {
      stop(process);
    }
  }

  @Test
  void overStdioItSpeaksOnlyJsonRpcAndEndsItsUpstreamSessionsAtTheEndOfInput() throws Exception {
    List<SessionEvent> closed = new CopyOnWriteArrayList<>();
    try (EverythingServer upstream =
        EverythingServer.start(
            "127.0.0.1",
            0,
            event -> {
              if (event.to() == SessionState.CLOSED) {
                closed.add(event);
              }
            })) {
      Process process = start("--stdio", "--upstream", "everything=" + upstream.endpoint());
      try (OutputStream in = process.getOutputStream()) {
        in.write(
            ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                    + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":"
                    + "{\"name\":\"t\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                    + "{\"name\":\"test_simple_text\",\"arguments\":{}}}\n")
                .getBytes(StandardCharsets.UTF_8));
      } // the end of input: the gateway answers what it read, then exits
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited at the end of input").isTrue();
      assertThat(process.exitValue()).isZero();

      List<String> lines = stdout.lines().toList();
      assertThat(lines).as("the two answers and nothing else on stdout").hasSize(2);
      JsonMapper json = JsonMapper.builder().build();
      assertThat(json.readTree(lines.get(0)).at("/result/serverInfo/name").asString())
          .isEqualTo("mcpkit-everything-server");
      assertThat(json.readTree(lines.get(1)).at("/result/content/0/text").asString())
          .isEqualTo("This is a simple text response for testing.");
      // The probe's session at start, and the stdio client's upstream session at the end.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(closed)
                      .extracting(SessionEvent::closeReason)
                      .containsExactly(CloseReason.CLIENT_REQUEST, CloseReason.CLIENT_REQUEST));
    }
  }
}
