package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The tape commands as a user runs them (the packaged {@code mcp-examples.jar} and {@code lib/} on
 * the module path, hence an integration test): a tape recorded through the gateway is served by
 * {@code TapeServer --tape FILE --port 0}, and {@code CheckTape} re-sends its client side to that
 * server and to the live everything server (exit status 0, no difference), then a doctored tape
 * (exit status 1, the difference printed), then a bad command line (exit status 2).
 */
class TapeCommandsIT {
  @TempDir Path tapes;

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String modulePath() {
    Path target = Path.of("target").toAbsolutePath();
    Path jar = target.resolve("mcp-examples.jar");
    Path lib = target.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      fail(jar + " or " + lib + " is missing: run this test in the verify phase, after package");
    }
    return jar + ":" + lib;
  }

  private static InteropKit.Outcome checkTape(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java(),
                "-p",
                modulePath(),
                "-m",
                "dev.mcpkit.examples/dev.mcpkit.examples.CheckTape"));
    command.addAll(List.of(args));
    return InteropKit.run(command, Map.of(), Duration.ofSeconds(60), false, "[check-tape] ");
  }

  private Path onlyTape() throws Exception {
    try (Stream<Path> files = Files.list(tapes)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  @Test
  void theTapeServerServesARecordingAndCheckTapeReportsByExitStatus() throws Exception {
    try (EverythingServer upstream = EverythingServer.start("127.0.0.1", 0, event -> {})) {
      try (Gateway gateway =
              Gateway.start(
                  McpGateway.builder()
                      .upstream(UpstreamConfig.http("everything", upstream.endpoint()))
                      .tapes(TapeSettings.of(tapes))
                      .build(),
                  "127.0.0.1",
                  0);
          McpClient client = McpHttpClient.builder(gateway.endpoint()).build()) {
        client.initialize();
        client.listTools();
        assertThat(
                client.callTool("test_simple_text", JsonNodeFactory.instance.objectNode()).text())
            .isEqualTo("This is a simple text response for testing.");
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Files.readString(onlyTape()).contains("\"end\":\"stopped\"")
                      || Files.readString(onlyTape()).contains("\"end\":\"closed\""));
      Path tape = onlyTape();

      Process server =
          new ProcessBuilder(
                  java(),
                  "-p",
                  modulePath(),
                  "-m",
                  "dev.mcpkit.examples/dev.mcpkit.examples.TapeServer",
                  "--tape",
                  tape.toString(),
                  "--port",
                  "0")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try {
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread.ofVirtual()
            .start(
                () -> {
                  try (BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                      System.out.println("[tape-server] " + line);
                      if (line.startsWith("MCP endpoint: ")) {
                        endpoint.complete(line.substring("MCP endpoint: ".length()).strip());
                      }
                    }
                    endpoint.completeExceptionally(new IllegalStateException("no endpoint line"));
                  } catch (Exception e) {
                    endpoint.completeExceptionally(e);
                  }
                });
        String replay = endpoint.get(60, TimeUnit.SECONDS);

        InteropKit.Outcome againstReplay = checkTape("--tape", tape.toString(), "--url", replay);
        assertThat(againstReplay.exitCode()).isZero();
        assertThat(againstReplay.stdout()).contains("requests re-sent, 0 differences");

        InteropKit.Outcome againstLive =
            checkTape("--tape", tape.toString(), "--url", upstream.endpoint().toString());
        assertThat(againstLive.exitCode()).isZero();

        Path doctored = tapes.resolve("doctored.tape");
        Files.writeString(
            doctored,
            Files.readString(tape)
                .replace("This is a simple text response for testing.", "Not what it said."));
        InteropKit.Outcome differs = checkTape("--tape", doctored.toString(), "--url", replay);
        assertThat(differs.exitCode()).isEqualTo(1);
        assertThat(differs.stdout())
            .contains("tools/call /content/0/text: recorded \"Not what it said.\"")
            .contains("1 difference");

        assertThat(checkTape("--tape", tape.toString()).exitCode()).isEqualTo(2);
      } finally {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      }
    }
  }
}
