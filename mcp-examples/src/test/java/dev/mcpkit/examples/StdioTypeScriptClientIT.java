package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP TypeScript SDK client over stdio ({@code interop/ts-stdio-client.mjs}, SDK
 * 1.32.2, its {@code StdioClientTransport}) spawning the everything server with {@code --stdio} the
 * way {@code ./run-example EverythingServer --stdio} starts it: its own JVM, the packaged {@code
 * mcp-examples.jar} and {@code lib/} on the module path (hence an integration test, after {@code
 * package}). The same conversation as {@link TypeScriptClientInteropTest} over HTTP: connect, list
 * tools, progress, an answered sampling request, a plain call; then the client closes the server's
 * input and the server exits by itself with status 0. Needs {@code (cd interop && npm ci)}; fails,
 * never skips, without it.
 */
class StdioTypeScriptClientIT {

  @Test
  void theSdkStdioClientDrivesTheEverythingServer() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path jar = target.resolve("mcp-examples.jar");
    Path lib = target.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      fail(jar + " or " + lib + " is missing: run this test in the verify phase, after package");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path interop = InteropKit.requireInstalled();
    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                InteropKit.node(interop),
                interop.resolve("ts-stdio-client.mjs").toString(),
                "--",
                java,
                "-p",
                jar + ":" + lib,
                "-m",
                "dev.mcpkit.examples/dev.mcpkit.examples.EverythingServer",
                "--stdio"),
            Map.of(),
            Duration.ofSeconds(90),
            false,
            "[ts-stdio-client] ");
    assertThat(outcome.exitCode())
        .as("ts-stdio-client.mjs exit status (its stderr is in the log above)")
        .isZero();

    JsonNode summary = JsonMapper.builder().build().readTree(outcome.stdout().strip());

    assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
    assertThat(summary.path("serverInfo").path("name").asString())
        .isEqualTo("mcpkit-everything-server");
    List<String> tools = new ArrayList<>();
    summary.path("tools").forEach(name -> tools.add(name.asString()));
    assertThat(tools).contains("test_simple_text", "test_tool_with_progress", "test_sampling");

    for (JsonNode p : summary.path("progress")) {
      assertThat(p.path("total").asDouble()).isEqualTo(100.0);
    }
    assertThat(InteropKit.progressSeen(summary)).containsExactly(0.0, 50.0, 100.0);

    assertThat(summary.path("samplingAnswered").asBoolean()).isTrue();
    assertThat(summary.at("/samplingRequests/0/messages/0/content/text").asString())
        .isEqualTo("Test prompt for sampling");
    assertThat(summary.at("/samplingResult/content/0/text").asString())
        .isEqualTo("LLM response: This is a test response from the client");

    assertThat(summary.at("/callResult/content/0/text").asString())
        .isEqualTo("This is a simple text response for testing.");

    // The SDK ends the child's stdin and sends SIGTERM only after 2 s: a server that exits by
    // itself at the end of its input shows status 0 and no signal.
    assertThat(summary.at("/childExit/code").asInt(-1)).as("the server's exit status").isZero();
    assertThat(summary.at("/childExit/signal").isNull()).as("no signal was needed").isTrue();
  }
}
