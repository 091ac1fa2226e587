package dev.mcpkit.benchmarks.e2e;

/**
 * The one tool every server serves: {@code echo} returns its {@code message} argument as one text
 * content block. Every server answers {@code tools/call} with the same JSON result, {@code
 * {"content":[{"type":"text","text":MESSAGE}],"isError":false}}.
 */
final class EchoTool {
  /** The tool's name. */
  static final String NAME = "echo";

  /** The tool's description. */
  static final String DESCRIPTION = "Echoes the message.";

  /** The tool's input schema. */
  static final String INPUT_SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},\"required\":[\"message\"]}";

  /** The message every load request sends (and every answer must carry back). */
  static final String MESSAGE = "hello";

  private EchoTool() {}
}
