package dev.mcpkit.benchmarks.e2e;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.client.ContentResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact request bodies the load client sends, and the reading of answers: a JSON body, or an
 * SSE body (the SDK answers every request as a one-event stream) whose {@code data:} line holds it.
 */
final class McpMessages {
  /** The protocol version the client offers; servers may answer with another they support. */
  static final String OFFERED_VERSION = "2025-11-25";
  static final byte[] INITIALIZE = ("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
      + "\"protocolVersion\":\"" + OFFERED_VERSION + "\",\"capabilities\":{},"
      + "\"clientInfo\":{\"name\":\"mcpkit-e2e-load\",\"version\":\"1.0\"}}}").getBytes(StandardCharsets.UTF_8);
  static final byte[] INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8);
  /** What a correct {@code echo} answer contains, checked on every load request. */
  static final String ECHO_MARKER = "\"text\":\"" + EchoTool.MESSAGE + "\"";

  private static final String CALL_PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":";
  private static final String CALL_SUFFIX = ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + EchoTool.NAME
      + "\",\"arguments\":{\"message\":\"" + EchoTool.MESSAGE + "\"}}}";
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private McpMessages() {}

  /** A {@code tools/call} of {@code echo} with the given request id. */
  static byte[] toolsCall(long id) {
    return (CALL_PREFIX + id + CALL_SUFFIX).getBytes(StandardCharsets.UTF_8);
  }

  /** The cheap check made on every load answer: 200 and the echoed text. */
  static boolean isEchoAnswer(ContentResponse response) {
    return response.getStatus() == 200 && response.getContentAsString().contains(ECHO_MARKER);
  }

  /**
   * The JSON-RPC message of an answer, from a JSON body or from the last {@code data:} event of
   * an SSE body.
   *
   * @throws IllegalStateException if the body holds no JSON-RPC message
   */
  static JsonNode message(ContentResponse response) {
    String type = response.getMediaType();
    String body = response.getContentAsString();
    if (type != null && type.startsWith("text/event-stream")) {
      return messageOfEventStream(body);
    }
    return MAPPER.readTree(body);
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
