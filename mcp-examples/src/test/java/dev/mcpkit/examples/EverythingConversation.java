package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import tools.jackson.databind.JsonNode;

/**
 * The conversation that the official TypeScript SDK client ({@code interop/ts-gateway-client.mjs})
 * holds with the everything server through a gateway: lists, progress, a sampling round trip with a
 * prompt of the test's, an elicitation round trip, a plain call, then DELETE; and what its summary
 * must show.
 */
final class EverythingConversation {
  private EverythingConversation() {}

  /** The client's options for the conversation, the sampling tool asked with this prompt. */
  static String[] options(String prompt) {
    return new String[] {
      "--progress-tool",
      "test_tool_with_progress",
      "--sampling-tool",
      "test_sampling",
      "--sampling-args",
      "{\"prompt\":\"" + prompt + "\"}",
      "--elicitation-tool",
      "test_elicitation",
      "--elicitation-args",
      "{\"message\":\"who are you?\"}",
      "--elicitation-reply",
      "{\"username\":\"ts\",\"email\":\"ts@example.com\"}",
      "--plain-tool",
      "test_simple_text"
    };
  }

  /** Holds the conversation with the gateway at the endpoint; the client's summary. */
  static JsonNode hold(URI endpoint, String prompt) throws IOException, InterruptedException {
    return InteropKit.runTsClient("ts-gateway-client.mjs", endpoint, options(prompt));
  }

  /** Asserts that every step of the conversation reached the everything server and came back. */
  static void assertHeld(JsonNode summary, String prompt) {
    assertThat(summary.path("serverInfo").path("name").asString())
        .as("one upstream: the gateway is transparent")
        .isEqualTo("mcpkit-everything-server");
    assertThat(InteropKit.texts(summary.path("tools")))
        .contains("test_simple_text", "test_tool_with_progress", "test_sampling");
    assertThat(InteropKit.texts(summary.path("resources"))).isNotEmpty();
    assertThat(InteropKit.texts(summary.path("prompts"))).isNotEmpty();
    assertThat(InteropKit.progressHandled(summary)).hasSizeGreaterThanOrEqualTo(3).isSorted();

    assertThat(summary.at("/samplingRequests/0/messages/0/content/text").asString())
        .isEqualTo(prompt);
    assertThat(summary.at("/samplingResult/content/0/text").asString())
        .isEqualTo("LLM response: canned answer from the TS client");
    assertThat(summary.at("/elicitationRequests/0/message").asString()).isEqualTo("who are you?");
    assertThat(summary.at("/elicitationResult/content/0/text").asString())
        .contains("action=accept")
        .contains("ts@example.com");
    assertThat(summary.at("/callResult/content/0/text").asString())
        .isEqualTo("This is a simple text response for testing.");
    assertThat(summary.path("terminated").asBoolean()).isTrue();
  }
}
