package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Randomized interleavings of the two paths on shared connections: per round, a fresh session gets
 * a burst of concurrent requests served on the I/O thread (non-blocking calls, {@code ping}, {@code
 * tools/list}, cancellations) and on virtual threads (blocking calls), with its DELETE sent at a
 * random point among them. Every answer must be one the protocol allows for its moment: the right
 * result while the session lives, an empty stream for a call the DELETE cancelled while it ran, 404
 * once the session is gone, 202 for a notification; never another status, a wrong echo, or an
 * answer that does not come. Seeded, so a failure repeats (the interleavings themselves are the
 * threads').
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass
@EnumSource(
    value = Transport.class,
    names = {"HTTP_1_1", "H2C"})
class FastPathStressTest {
  private static final long SEED = 0x5eed_fa57L;
  private static final int ROUNDS = 40;
  private static final int BURST = 24;

  @Parameter private Transport transport;
  private TestServer server;
  private McpTestClient client;

  @BeforeParameterizedClassInvocation
  void start() {
    server = new TestServer(transport);
    client = new McpTestClient(server.endpoint, transport);
  }

  @AfterParameterizedClassInvocation
  void stop() {
    server.close();
  }

  /** One request of a burst and what a correct answer to it looks like. */
  private record Sent(
      String kind, String message, CompletableFuture<HttpResponse<String>> answer) {}

  @Test
  void burstsRacingTheirSessionsDeleteOnlyGetAllowedAnswers() throws Exception {
    Random random = new Random(SEED + transport.ordinal());
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    for (int round = 0; round < ROUNDS; round++) {
      String sessionId = client.handshake("2025-11-25");
      int deleteAt = random.nextInt(BURST + 1);
      List<Sent> sent = new ArrayList<>();
      CompletableFuture<HttpResponse<String>> delete = null;
      for (int i = 0; i < BURST; i++) {
        if (i == deleteAt) {
          delete = client.sendAsync(client.request(sessionId).DELETE().build());
        }
        String message = "r" + round + "-" + i;
        String kind =
            switch (random.nextInt(5)) {
              case 0 -> "inline-echo";
              case 1 -> "echo";
              case 2 -> "ping";
              case 3 -> "tools/list";
              default -> "cancel";
            };
        String body =
            switch (kind) {
              case "inline-echo", "echo" -> call(i + 1, kind, "{\"message\":\"" + message + "\"}");
              case "ping" -> "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"method\":\"ping\"}";
              case "tools/list" ->
                  "{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"method\":\"tools/list\"}";
              default ->
                  "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":"
                      + random.nextInt(BURST)
                      + "}}";
            };
        sent.add(
            new Sent(
                kind,
                message,
                client.sendAsync(
                    client
                        .request(sessionId)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build())));
      }
      if (delete == null) {
        delete = client.sendAsync(client.request(sessionId).DELETE().build());
      }
      for (Sent one : sent) {
        check(one, one.answer().get(30, TimeUnit.SECONDS), violations);
      }
      assertThat(delete.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      HttpResponse<String> after =
          client.post(client.request(sessionId), call(99, "inline-echo", "{\"message\":\"x\"}"));
      assertThat(after.statusCode()).as("a deleted session stays deleted").isEqualTo(404);
    }
    assertThat(violations).isEmpty();
  }

  private static void check(Sent sent, HttpResponse<String> response, Queue<String> violations) {
    int status = response.statusCode();
    String what = sent.kind() + " " + sent.message() + ": " + status + " " + response.body();
    if (status == 404) {
      if (!json(response).at("/error/message").asString().equals("Session not found")) {
        violations.add(what);
      }
      return;
    }
    if (sent.kind().equals("cancel")) {
      if (status != 202) {
        violations.add(what);
      }
      return;
    }
    if (status != 200) {
      violations.add(what);
      return;
    }
    boolean call = sent.kind().endsWith("echo");
    if (call
        && response.body().isBlank()
        && response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/event-stream")) {
      return; // the DELETE cancelled the call while it ran: a cancelled request gets no response
    }
    JsonNode result = json(response).get("result");
    boolean right =
        switch (sent.kind()) {
          case "inline-echo", "echo" ->
              result != null && result.at("/content/0/text").asString().equals(sent.message());
          case "ping" -> result != null && result.isObject() && result.isEmpty();
          default -> result != null && result.get("tools").isArray();
        };
    if (!right) {
      violations.add(what);
    }
  }
}
