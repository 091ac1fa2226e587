package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.events;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.server.DynamicMethods;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.BoundedExecutors;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A POST whose answer comes later ({@code TransportEngine.postLater}) over a real server: started
 * on the I/O thread that read it, answered as JSON where its future completes, as SSE when messages
 * came first, an empty stream when the client cancelled it; it holds a permit of the bounded
 * executor until then.
 */
class LaterRequestsTest {
  private final SessionManager sessions = SessionManagers.builder().build();
  private final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
  private final BoundedExecutor executor = BoundedExecutors.virtualThreads(1);
  private final McpHttpServer server;
  private final McpTestClient client;

  /** A request handed to {@code handleLater}: on which kind of thread, and its future. */
  private record Started(
      DynamicRequest request, boolean onVirtualThread, CompletableFuture<ObjectNode> answer) {}

  LaterRequestsTest() {
    DynamicMethods catalogue =
        new DynamicMethods() {
          @Override
          public ObjectNode capabilities() {
            ObjectNode capabilities = JsonRpcCodecs.nodes().objectNode();
            capabilities.putObject("tools");
            return capabilities;
          }

          @Override
          public ObjectNode handle(DynamicRequest request) {
            return JsonRpcCodecs.nodes().objectNode().put("path", "blocking");
          }

          @Override
          public boolean answersLater(JsonRpcRequest request) {
            return request.method().equals("tools/call");
          }

          @Override
          public CompletionStage<ObjectNode> handleLater(DynamicRequest request) {
            CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
            started.add(new Started(request, Thread.currentThread().isVirtual(), answer));
            return answer;
          }
        };
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .executor(executor)
            .engine(
                McpEngines.builder(
                        McpServerConfig.builder().serverInfo("later", "1").build(), sessions)
                    .dynamicMethods(catalogue)
                    .build())
            .build();
    server.start();
    client = new McpTestClient(server.endpoint());
  }

  @AfterEach
  void close() {
    server.close();
    sessions.close();
    executor.close();
  }

  private CompletableFuture<HttpResponse<String>> callLater(String session, int id) {
    return client.sendAsync(
        client
            .request(session)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(call(id, "anything", "{}")))
            .build());
  }

  private Started next() throws InterruptedException {
    Started next = started.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("handleLater was called").isNotNull();
    return next;
  }

  private static ObjectNode result(String text) {
    ObjectNode result = JsonRpcCodecs.nodes().objectNode();
    result.putArray("content").addObject().put("type", "text").put("text", text);
    return result;
  }

  @Test
  void aCallStartsOnTheIoThreadAndItsJsonAnswerIsWrittenWhenTheFutureCompletes() throws Exception {
    String session = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> response = callLater(session, 2);
    Started call = next();
    assertThat(call.onVirtualThread()).as("started on a request thread").isFalse();
    assertThat(response).isNotDone();

    // Completed from a thread of the test's own, as an HTTP client's I/O thread would.
    Thread.ofPlatform().start(() -> call.answer().complete(result("later"))).join();

    HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(answered.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(answered).path("id").asInt()).isEqualTo(2);
    assertThat(json(answered).at("/result/content/0/text").asString()).isEqualTo("later");
  }

  @Test
  void messagesSentBeforeTheAnswerTurnItIntoAStream() throws Exception {
    String session = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> response = callLater(session, 3);
    Started call = next();
    Thread.ofVirtual()
        .start(
            () -> {
              call.request()
                  .notify(
                      "notifications/message",
                      JsonRpcCodecs.nodes().objectNode().put("level", "info").put("data", "first"));
              call.answer().complete(result("streamed"));
            })
        .join();

    HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
    assertThat(answered.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    List<JsonNode> events = events(answered.body());
    assertThat(events)
        .extracting(e -> e.path("method").asString())
        .contains("notifications/message");
    JsonNode last = events.getLast();
    assertThat(last.path("id").asInt()).isEqualTo(3);
    assertThat(last.at("/result/content/0/text").asString()).isEqualTo("streamed");
  }

  @Test
  void anErrorIsAnsweredAsJson() throws Exception {
    String session = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> response = callLater(session, 4);
    next().answer().completeExceptionally(new RequestErrorException(JsonRpcError.of(-32042, "no")));

    JsonNode answer = json(response.get(10, TimeUnit.SECONDS));
    assertThat(answer.at("/error/code").asInt()).isEqualTo(-32042);
    assertThat(answer.at("/error/message").asString()).isEqualTo("no");
  }

  @Test
  void theClientsCancellationCancelsTheFutureAndEndsTheAnswerEmpty() throws Exception {
    String session = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> response = callLater(session, 5);
    Started call = next();

    HttpResponse<String> accepted =
        client.post(
            client.request(session),
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":5}}");
    assertThat(accepted.statusCode()).isEqualTo(202);

    assertThat(call.answer()).isCancelled();
    HttpResponse<String> answered = response.get(10, TimeUnit.SECONDS);
    assertThat(answered.statusCode()).isEqualTo(200);
    assertThat(events(answered.body())).isEmpty();
  }

  @Test
  void aCallInFlightHoldsItsPermitUntilAnswered() throws Exception {
    String session = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> first = callLater(session, 6);
    Started call = next();

    // The executor takes one request at a time: the second waits for nothing and is refused.
    HttpResponse<String> refused = callLater(session, 7).get(10, TimeUnit.SECONDS);
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(started).isEmpty();

    call.answer().complete(result("first"));
    assertThat(json(first.get(10, TimeUnit.SECONDS)).at("/result/content/0/text").asString())
        .isEqualTo("first");
    CompletableFuture<HttpResponse<String>> third = callLater(session, 8);
    next().answer().complete(result("third"));
    assertThat(json(third.get(10, TimeUnit.SECONDS)).at("/result/content/0/text").asString())
        .isEqualTo("third");
  }
}
