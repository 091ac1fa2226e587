package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The official MCP TypeScript SDK client ({@code interop/ts-client.mjs}, SDK 1.32.2) against the
 * everything server: connect, list tools, receive progress, answer a sampling request, call a plain
 * tool, DELETE the session. Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class TypeScriptClientInteropTest {
  private static final Map<String, CloseReason> CLOSED = new ConcurrentHashMap<>();
  private static EverythingServer server;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0, TypeScriptClientInteropTest::record);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static void record(SessionEvent event) {
    if (event.to() == SessionState.CLOSED && event.closeReason() != null) {
      CLOSED.put(event.session().id().value(), event.closeReason());
    }
  }

  @Test
  void theSdkClientDrivesOneSessionEndToEnd() throws Exception {
    JsonNode summary =
        InteropKit.runTsClient(
            "ts-client.mjs",
            server.endpoint(),
            "--progress-tool",
            "test_tool_with_progress",
            "--sampling-tool",
            "test_sampling",
            "--plain-tool",
            "test_simple_text");

    assertThat(summary.path("protocolVersion").asString()).isEqualTo("2025-11-25");
    assertThat(summary.path("serverInfo").path("name").asString())
        .isEqualTo("mcpkit-everything-server");
    assertThat(InteropKit.texts(summary.path("tools")))
        .contains("test_simple_text", "test_tool_with_progress", "test_sampling");

    List<Double> progress = new ArrayList<>();
    for (JsonNode p : summary.path("progress")) {
      assertThat(p.path("total").asDouble()).isEqualTo(100.0);
      progress.add(p.path("progress").asDouble());
    }
    assertThat(progress).hasSizeGreaterThanOrEqualTo(3).isSorted();

    assertThat(summary.path("samplingAnswered").asBoolean()).isTrue();
    assertThat(summary.at("/samplingRequests/0/messages/0/content/text").asString())
        .isEqualTo("Test prompt for sampling");
    assertThat(summary.at("/samplingResult/content/0/text").asString())
        .isEqualTo("LLM response: This is a test response from the client");

    assertThat(summary.at("/callResult/content/0/text").asString())
        .isEqualTo("This is a simple text response for testing.");

    assertThat(summary.path("terminated").asBoolean()).as("DELETE answered 2xx").isTrue();
    String sessionId = summary.path("sessionId").asString();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(CLOSED).containsEntry(sessionId, CloseReason.CLIENT_REQUEST));
  }
}
