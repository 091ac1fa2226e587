package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Seeded fuzzing of the HTTP request path over every transport: hostile bodies (valid messages
 * mutated byte by byte, deep nesting, long numbers, invalid UTF-8) with random methods and header
 * combinations ({@code Content-Type}, {@code Accept}, {@code MCP-Protocol-Version}, {@code
 * Mcp-Session-Id}). Every request must be answered within a bound with a status the specification
 * names for it, never 500 and never a stack trace; an error status carries a JSON-RPC error; and
 * the session that lived before the fuzzing still works after it. The seed is in the failure
 * message, so a failing request can be replayed.
 */
class RequestPathFuzzTest extends OverEveryTransport {
  private static final long SEED = 0x66757a7aL; // "fuzz"
  private static final int REQUESTS = 400;
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  private static final Set<Integer> SPEC_STATUSES =
      Set.of(200, 202, 400, 404, 405, 406, 408, 409, 413, 415, 429);
  private static final List<String> TOOLS =
      List.of("echo", "inline-echo", "progress", "inline-progress", "fail", "thread");
  private static final List<String> INSERTS =
      List.of(
          "[".repeat(300),
          "9".repeat(200),
          "\"" + "x".repeat(2_000) + "\"",
          "\\ud800",
          "}",
          ",",
          "null",
          "1e999999");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/json-seq",
          "*/*",
          "");
  private static final List<String> ACCEPTS =
      List.of(McpTestClient.BOTH, "application/json", "text/event-stream", "*/*", "text/html", "");
  private static final List<String> VERSIONS =
      List.of("2025-11-25", "2025-06-18", "2025-03-26", "2026-07-28", "1999-01-01", "x", "");

  @Test
  void everyHostileRequestGetsASpecificationAnswer() {
    String live = client.handshake("2025-11-25");
    Random random = new Random(SEED ^ transport.ordinal());
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      String seed = seedBody(random, i);
      byte[] body = mutate(random, seed);
      HttpRequest request = request(random, live, body);
      int index = i;
      HttpResponse<String> response =
          client
              .sendAsync(request)
              .orTimeout(ANSWER_WITHIN.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
              .exceptionally(
                  e -> {
                    throw new AssertionError(
                        "case " + index + " over " + transport + " got no answer: " + show(body),
                        e);
                  })
              .join();
      String what = "case " + i + " over " + transport + ": " + request.method() + " " + show(body);
      assertThat(response.statusCode()).as(what).isIn(SPEC_STATUSES);
      statuses.merge(response.statusCode(), 1, Integer::sum);
      assertThat(response.body()).as(what).doesNotContain("Exception", "\tat ", "tools.jackson");
      if (response.statusCode() >= 400 && !response.body().isEmpty()) {
        JsonNode error = McpTestClient.json(response);
        assertThat(error.path("jsonrpc").asString("")).as(what).isEqualTo("2.0");
        assertThat(error.path("error").path("code").isNumber()).as(what).isTrue();
      }
    }
    // The mutations reach every layer: answered calls, refused bodies and headers, wrong methods.
    assertThat(statuses).as("statuses seen").containsKeys(200, 400, 405);
    assertThat(statuses.size()).as("distinct statuses in %s", statuses).isGreaterThanOrEqualTo(5);
    HttpResponse<String> after =
        client.post(client.request(live), call(99, "echo", "{\"message\":\"still here\"}"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("still here");
  }

  private static String seedBody(Random random, int i) {
    String tool = TOOLS.get(random.nextInt(TOOLS.size()));
    return switch (random.nextInt(5)) {
      case 0 -> McpTestClient.initialize(i, "2025-11-25");
      case 1 -> call(i, tool, "{\"message\":\"m" + i + "\",\"n\":[1,2.5,-3]}");
      case 2 -> "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"ping\"}";
      case 3 -> "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
      default ->
          "[" + call(i, tool, "{\"message\":\"b\"}") + ",{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]";
    };
  }

  private HttpRequest request(Random random, String live, byte[] body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.endpoint).timeout(ANSWER_WITHIN);
    if (random.nextBoolean()) {
      // Headers a client gets right, so that the mutated bodies reach the engine.
      return builder
          .header("Content-Type", "application/json")
          .header("Accept", McpTestClient.BOTH)
          .header("MCP-Protocol-Version", "2025-11-25")
          .header("Mcp-Session-Id", live)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
    }
    header(builder, "Content-Type", pick(random, CONTENT_TYPES));
    header(builder, "Accept", pick(random, ACCEPTS));
    header(builder, "MCP-Protocol-Version", pick(random, VERSIONS));
    switch (random.nextInt(4)) {
      case 0 -> builder.header("Mcp-Session-Id", live);
      case 1 -> builder.header("Mcp-Session-Id", "no-such-session-" + random.nextInt(1_000));
      case 2 -> builder.header("Mcp-Session-Id", "bad id\t~");
      default -> {} // none
    }
    return switch (random.nextInt(10)) {
      // A GET naming the live session would open its standing SSE stream: never with it.
      case 0 -> builder.GET().setHeader("Mcp-Session-Id", "no-such-session").build();
      case 1 -> builder.PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      // A DELETE of the live session would end the fuzzing's own session: never with it.
      case 2 -> builder.DELETE().setHeader("Mcp-Session-Id", "no-such-session").build();
      default -> builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    };
  }

  private static void header(HttpRequest.Builder builder, String name, String value) {
    if (!value.isEmpty()) {
      builder.header(name, value);
    }
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static byte[] mutate(Random random, String seed) {
    byte[] bytes = seed.getBytes(StandardCharsets.UTF_8);
    int edits = random.nextInt(3); // none, one or two
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      bytes =
          switch (random.nextInt(4)) {
            case 0 -> {
              byte[] copy = bytes.clone();
              if (copy.length > 0) {
                copy[at] = (byte) random.nextInt(256);
              }
              yield copy;
            }
            case 1 -> Arrays.copyOf(bytes, at);
            case 2 -> splice(bytes, at, pick(random, INSERTS).getBytes(StandardCharsets.UTF_8));
            default -> splice(bytes, at, new byte[] {(byte) (0x80 + random.nextInt(0x80))});
          };
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, byte[] piece) {
    byte[] out = new byte[bytes.length + piece.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(bytes, at, out, at + piece.length, bytes.length - at);
    return out;
  }

  private static String show(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + body.length + " bytes)";
  }
}
