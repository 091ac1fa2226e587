package dev.mcpkit.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading JSON-RPC answers out of SSE bodies, as the SDK sends them. */
class McpMessagesTest {

  @Test
  void takesTheLastMessageWithAnIdFromAnEventStream() {
    String body =
        "id: a\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
            + "id: b\r\nevent: message\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":7,\r\ndata: \"result\":{}}\r\n\r\n";

    assertThat(McpMessages.messageOfEventStream(body).path("id").asInt()).isEqualTo(7);
  }

  @Test
  void anEventStreamWithoutAnAnswerIsAnError() {
    assertThatThrownBy(() -> McpMessages.messageOfEventStream(": keep-alive\n\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JSON-RPC message");
  }

  @Test
  void toolsCallCarriesItsIdAndTheEchoArguments() {
    String body = new String(McpMessages.toolsCall(42), java.nio.charset.StandardCharsets.UTF_8);

    assertThat(body)
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}}");
  }

  @Test
  void protocolVersionIsFoundByScanInJsonAndEventStreamAnswers() {
    String result =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{}}}";

    assertThat(McpMessages.protocolVersionOf(new Answer(200, "s", "application/json", result)))
        .isEqualTo("2025-06-18");
    assertThat(
            McpMessages.protocolVersionOf(
                new Answer(
                    200, "s", "text/event-stream", "event: message\ndata: " + result + "\n\n")))
        .isEqualTo("2025-06-18");
    assertThat(
            McpMessages.protocolVersionOf(
                new Answer(200, "s", "application/json", "{\"result\":{}}")))
        .isEmpty();
  }
}
