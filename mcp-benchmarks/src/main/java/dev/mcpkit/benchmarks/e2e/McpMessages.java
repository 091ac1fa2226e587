package dev.mcpkit.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact request bodies the load client sends, and the reading of answers: a JSON body, or an
 * SSE body (the SDK answers every request as a one-event stream) whose {@code data:} line holds it.
 */
final class McpMessages {
  /** The protocol version the client offers; servers may answer with another they support. */
  static final String OFFERED_VERSION = "2025-11-25";

  static final byte[] INITIALIZE =
      ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
              + "\"protocolVersion\":\""
              + OFFERED_VERSION
              + "\",\"capabilities\":{},"
              + "\"clientInfo\":{\"name\":\"mcpkit-e2e-load\",\"version\":\"1.0\"}}}")
          .getBytes(StandardCharsets.UTF_8);
  static final byte[] INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"
          .getBytes(StandardCharsets.UTF_8);

  /** What a correct {@code echo} answer contains, checked on every load request. */
  static final String ECHO_MARKER = "\"text\":\"" + EchoTool.MESSAGE + "\"";

  private static final String CALL_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";
  private static final String CALL_SUFFIX =
      ",\"method\":\"tools/call\",\"params\":{\"name\":\""
          + EchoTool.NAME
          + "\",\"arguments\":{\"message\":\""
          + EchoTool.MESSAGE
          + "\"}}}";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private McpMessages() {}

  /** A {@code tools/call} of {@code echo} with the given request id. */
  static byte[] toolsCall(long id) {
    return (CALL_PREFIX + id + CALL_SUFFIX).getBytes(StandardCharsets.UTF_8);
  }

  /** The cheap check made on every load answer: 200 and the echoed text. */
  static boolean isEchoAnswer(Answer answer) {
    return isEchoAnswer(answer, ECHO_MARKER);
  }

  /** The same check for a server whose echo answers another text (server-everything's). */
  static boolean isEchoAnswer(Answer answer, String marker) {
    return answer.status() == 200 && answer.body().contains(marker);
  }

  /** What a correct answer of {@code echo} contains when its text is {@code text}. */
  static String echoMarker(String text) {
    return "\"text\":\"" + text + "\"";
  }

  /**
   * The {@code protocolVersion} of an {@code initialize} answer, found by a text scan (the load
   * loop's cheap read; {@link #message} parses in full where answers are checked), or "" if absent.
   */
  static String protocolVersionOf(Answer answer) {
    String body = answer.body();
    String key = "\"protocolVersion\":\"";
    int at = body.indexOf(key);
    if (at < 0) {
      return "";
    }
    int from = at + key.length();
    int to = body.indexOf('"', from);
    return to < 0 ? "" : body.substring(from, to);
  }

  /**
   * The JSON-RPC message of an answer, from a JSON body or from the last {@code data:} event of an
   * SSE body.
   *
   * @throws IllegalStateException if the body holds no JSON-RPC message
   */
  static JsonNode message(Answer answer) {
    if (answer.isEventStream()) {
      return messageOfEventStream(answer.body());
    }
    return MAPPER.readTree(answer.body());
  }

  static JsonNode messageOfEventStream(String body) {
    JsonNode last = null;
    for (String event : body.split("\r?\n\r?\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : event.split("\r?\n")) {
        if (line.startsWith("data:")) {
          if (!data.isEmpty()) {
            data.append('\n');
          }
          data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
      }
      if (!data.isEmpty()) {
        JsonNode node = MAPPER.readTree(data.toString());
        if (node.has("id")) {
          last = node;
        }
      }
    }
    if (last == null) {
      throw new IllegalStateException("no JSON-RPC message in the event stream: " + body);
    }
    return last;
  }
}
