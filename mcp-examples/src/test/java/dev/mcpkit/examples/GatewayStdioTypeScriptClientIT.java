package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official MCP TypeScript SDK client over stdio ({@code interop/ts-stdio-client.mjs}, its
 * {@code StdioClientTransport}) spawning the gateway with {@code --stdio} the way {@code
 * ./run-example Gateway --stdio} starts it (its own JVM, the packaged {@code mcp-examples.jar} and
 * {@code lib/} on the module path, hence an integration test), the gateway reaching the everything
 * server over Streamable HTTP: connect, list tools, progress, an answered sampling request, a plain
 * call; then the client closes the gateway's input, the gateway ends its session on the upstream
 * (counted there) and exits by itself with status 0. Needs {@code (cd interop && npm ci)}; fails,
 * never skips, without it.
 */
class GatewayStdioTypeScriptClientIT {

  @Test
  void theSdkStdioClientReachesAnHttpServerThroughTheGateway() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    Path jar = target.resolve("mcp-examples.jar");
    Path lib = target.resolve("lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      fail(jar + " or " + lib + " is missing: run this test in the verify phase, after package");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path interop = InteropKit.requireInstalled();
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
                  "dev.mcpkit.examples/dev.mcpkit.examples.Gateway",
                  "--stdio",
                  "--upstream",
                  "everything=" + upstream.endpoint()),
              Map.of(),
              Duration.ofSeconds(60),
              false,
              "[ts-stdio-client] ");
      assertThat(outcome.exitCode())
          .as("ts-stdio-client.mjs exit status (its stderr is in the log above)")
          .isZero();

      JsonNode summary = JsonMapper.builder().build().readTree(outcome.stdout().strip());

      assertThat(summary.path("serverInfo").path("name").asString())
          .as("one upstream: the gateway is transparent")
          .isEqualTo("mcpkit-everything-server");
      List<String> tools = new ArrayList<>();
      summary.path("tools").forEach(name -> tools.add(name.asString()));
      assertThat(tools).contains("test_simple_text", "test_tool_with_progress", "test_sampling");

      assertThat(InteropKit.progressSeen(summary)).containsExactly(0.0, 50.0, 100.0);

      assertThat(summary.path("samplingAnswered").asBoolean()).isTrue();
      assertThat(summary.at("/samplingResult/content/0/text").asString())
          .isEqualTo("LLM response: This is a test response from the client");
      assertThat(summary.at("/callResult/content/0/text").asString())
          .isEqualTo("This is a simple text response for testing.");

      // The SDK ends the gateway's stdin and sends SIGTERM only after 2 s: a gateway that exits by
      // itself at the end of its input shows status 0 and no signal.
      assertThat(summary.at("/childExit/code").asInt(-1)).as("the gateway's exit status").isZero();
      assertThat(summary.at("/childExit/signal").isNull()).as("no signal was needed").isTrue();

      // The probe's session at start and the stdio client's upstream session, both ended by the
      // gateway (DELETE), the second at the end of its input.
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
