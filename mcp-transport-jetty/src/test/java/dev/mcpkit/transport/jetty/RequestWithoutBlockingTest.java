package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.ScriptedServer.progress;
import static dev.mcpkit.transport.jetty.ScriptedServer.result;
import static dev.mcpkit.transport.jetty.ScriptedServer.sse;
import static dev.mcpkit.transport.jetty.ScriptedServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.spi.McpClientObserver;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link McpClient#requestWithoutBlocking} against a scripted server on loopback: the answer
 * completes the future on the thread that brings it, and the outcomes are those of {@link
 * McpClient#request} (errors, limits, timeouts, cancellation, a session the server forgot).
 */
class RequestWithoutBlockingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static JsonNode args(String text) {
    return TestServer.JSON.readTree("{\"name\":\"t\",\"arguments\":{\"text\":\"" + text + "\"}}");
  }

  private static String textOf(JsonNode result) {
    return result.path("content").path(0).path("text").asString("");
  }

  /**
   * Waits on a latch a test opens; a scripted answer that must not come before the test is ready.
   */
  private static void hold(CountDownLatch gate) throws IOException {
    try {
      if (!gate.await(30, TimeUnit.SECONDS)) {
        throw new IOException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** A result and the thread that completed its future. */
  private record Seen(JsonNode result, Thread thread) {}

  /**
   * Notes which thread completes {@code answer}. Attached before the answer can come (the test
   * holds it back), and the test waits only on what this returns: a thread waiting on {@code
   * answer} itself may run its dependents, which would hide the thread that completed it.
   */
  private static CompletableFuture<Seen> seen(CompletableFuture<JsonNode> answer) {
    return answer.thenApply(result -> new Seen(result, Thread.currentThread()));
  }

  /** Records each operation's start and end, per method. */
  private static final class Operations implements McpClientObserver {
    final List<String> started = new CopyOnWriteArrayList<>();
    final List<String> ended = new CopyOnWriteArrayList<>();

    @Override
    public Operation operationStarted(McpClientObserver.Request request, MetaWriter meta) {
      started.add(request.method());
      return (errorType, version) -> ended.add(request.method() + ":" + errorType);
    }
  }

  @Test
  void aJsonAnswerCompletesTheFutureOnJettysThreadWithoutAVirtualThread() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  hold(gate);
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(out, result(id, "json"));
                });
        McpClient client = server.client()) {
      client.initialize();
      CompletableFuture<JsonNode> answer =
          client.requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults());
      CompletableFuture<Seen> seen = seen(answer);
      gate.countDown();
      Seen completed = seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(textOf(completed.result())).isEqualTo("json");
      assertThat(completed.thread().isVirtual())
          .as("completed by %s, not by a virtual thread", completed.thread().getName())
          .isFalse();
      assertThat(completed.thread().getName())
          .as("one of Jetty's client threads")
          .startsWith("mcp-client-")
          .isNotEqualTo("mcp-client-call");
    }
  }

  @Test
  void anSseAnswerIsReadByItsReaderThreadAndItsProgressReported() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  sse(response);
                  write(out, "id: e1\ndata: " + progress(id, 1) + "\n\n");
                  hold(gate);
                  write(out, "id: e2\ndata: " + result(id, "streamed") + "\n\n");
                });
        McpClient client = server.client()) {
      client.initialize();
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      CompletableFuture<JsonNode> answer =
          client.requestWithoutBlocking(
              "tools/call", args("a"), RequestOptions.defaults().withProgress(progress::add));
      CompletableFuture<Seen> seen = seen(answer);
      await().atMost(WAIT).until(() -> !progress.isEmpty());
      gate.countDown();
      Seen completed = seen.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(textOf(completed.result())).isEqualTo("streamed");
      assertThat(completed.thread().getName()).isEqualTo("mcp-client-read");
      assertThat(progress).extracting(ProgressListener.Progress::progress).containsExactly(1.0);
    }
  }

  @Test
  void aJsonAnswerThatNeverComesTimesOutAndTheServerIsToldOnce() throws Exception {
    timesOut(
        (id, request, response, out) -> {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
          write(out, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"res");
        });
  }

  @Test
  void anSseAnswerThatNeverComesTimesOutAndTheServerIsToldOnce() throws Exception {
    timesOut(
        (id, request, response, out) -> {
          sse(response);
          write(out, "id: e1\ndata: " + progress(id, 1) + "\n\n");
        });
  }

  /** The script starts an answer that it never ends: it waits until the test is over. */
  private static void timesOut(ScriptedServer.Script start) throws Exception {
    CountDownLatch over = new CountDownLatch(1);
    Operations operations = new Operations();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  start.toolsCall(id, request, response, out);
                  hold(over);
                });
        McpClient client = server.builder().observer(operations).build();
        // Closed first: the server's handler ends before the server stops.
        AutoCloseable release = over::countDown) {
      client.initialize();
      CompletableFuture<JsonNode> answer =
          client.requestWithoutBlocking(
              "tools/call",
              args("a"),
              RequestOptions.defaults().withTimeout(Duration.ofMillis(300)));
      // Well before the backstop that fails Jetty's exchange 5 s after the deadline: the call's
      // own timer ends it.
      assertThatThrownBy(() -> answer.get(4, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(RequestTimeoutException.class)
          .hasMessage("tools/call got no answer in PT0.3S");
      long id = server.received("tools/call").getFirst().message().path("id").asLong();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(server.received("notifications/cancelled"))
                      .singleElement()
                      .satisfies(
                          cancelled -> {
                            assertThat(cancelled.message().at("/params/requestId").asLong())
                                .isEqualTo(id);
                            assertThat(cancelled.message().at("/params/reason").asString())
                                .contains("timed out");
                          }));
      assertThat(operations.started).containsExactly("initialize", "tools/call");
      assertThat(operations.ended).containsExactly("initialize:null", "tools/call:timeout");
    }
  }

  @Test
  void cancellingTheFutureAbortsTheExchangeAndTellsTheServer() throws Exception {
    CountDownLatch over = new CountDownLatch(1);
    CountDownLatch aborted = new CountDownLatch(1);
    Operations operations = new Operations();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  sse(response);
                  try {
                    // Keeps writing until the client's abort breaks the connection.
                    while (!over.await(20, TimeUnit.MILLISECONDS)) {
                      write(out, ": still working\n\n");
                    }
                  } catch (IOException e) {
                    aborted.countDown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        McpClient client = server.builder().observer(operations).build();
        AutoCloseable release = over::countDown) {
      client.initialize();
      CompletableFuture<JsonNode> answer =
          client.requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults());
      await().atMost(WAIT).until(() -> !server.received("tools/call").isEmpty());
      long id = server.received("tools/call").getFirst().message().path("id").asLong();
      assertThat(answer.cancel(true)).isTrue();
      assertThat(aborted.await(WAIT.toSeconds(), TimeUnit.SECONDS))
          .as("the server sees the exchange aborted")
          .isTrue();
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(server.received("notifications/cancelled"))
                      .singleElement()
                      .satisfies(
                          cancelled ->
                              assertThat(cancelled.message().at("/params/requestId").asLong())
                                  .isEqualTo(id)));
      await()
          .atMost(WAIT)
          .untilAsserted(
              () ->
                  assertThat(operations.ended)
                      .containsExactly("initialize:null", "tools/call:cancelled"));
      assertThatThrownBy(answer::join).isInstanceOf(CancellationException.class);
    }
  }

  /**
   * A 404 on the session initializes a new one; a method that is safe to send again ({@code
   * tools/list}) is, on the new session, and one that is not ({@code tools/call}) fails naming it.
   */
  @Test
  void aForgottenSessionIsInitializedAgainAndOnlyASafeRequestRetried() throws Exception {
    AtomicReference<String> forgotten = new AtomicReference<>("s1");
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  if (forgotten.get().equals(request.getHeaders().get("Mcp-Session-Id"))) {
                    response.setStatus(404);
                    return;
                  }
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(out, result(id, "on " + request.getHeaders().get("Mcp-Session-Id")));
                });
        McpClient client = server.client()) {
      client.initialize();
      JsonNode listed =
          client
              .requestWithoutBlocking("tools/list", null, RequestOptions.defaults())
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(textOf(listed)).isEqualTo("on s2");
      assertThat(server.received("tools/list"))
          .extracting(ScriptedServer.Received::session)
          .containsExactly("s1", "s2");
      assertThat(client.sessionId()).hasValue("s2");

      forgotten.set("s2");
      CompletableFuture<JsonNode> called =
          client.requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults());
      assertThatThrownBy(() -> called.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              McpClientException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(404);
                assertThat(e).hasMessageContaining("tools/call is not retried");
              });
      assertThat(server.sessions).hasValue(3);
      assertThat(server.received("tools/call"))
          .extracting(ScriptedServer.Received::session)
          .containsExactly("s2");
      assertThat(client.sessionId()).hasValue("s3");
    }
  }

  @Test
  void anHttpErrorWithAJsonRpcBodyFailsWithTheServersErrorOnJettysThread() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Operations operations = new Operations();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  hold(gate);
                  response.setStatus(500);
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(
                      out,
                      "{\"jsonrpc\":\"2.0\",\"id\":"
                          + id
                          + ",\"error\":{\"code\":-32603,\"message\":\"broken\"}}");
                });
        McpClient client = server.builder().observer(operations).build()) {
      client.initialize();
      CompletableFuture<JsonNode> answer =
          client.requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults());
      CompletableFuture<Thread> failedOn =
          answer.handle((result, failure) -> Thread.currentThread());
      gate.countDown();
      assertThat(failedOn.get(WAIT.toSeconds(), TimeUnit.SECONDS).isVirtual()).isFalse();
      assertThatThrownBy(answer::join)
          .cause()
          .isInstanceOfSatisfying(
              McpClientException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(500);
                assertThat(e).hasMessage("the server answered HTTP 500: broken");
                assertThat(e.error())
                    .hasValueSatisfying(
                        error -> {
                          assertThat(error.code()).isEqualTo(-32603);
                          assertThat(error.message()).isEqualTo("broken");
                        });
              });
      assertThat(operations.ended).containsExactly("initialize:null", "tools/call:-32603");
    }
  }

  /**
   * A refusal (401) that the authorization wants to send again is decided on a virtual thread,
   * since deciding may block, and sent again with the new credentials.
   */
  @Test
  void aRefusalIsSentAgainWithNewCredentialsOffJettysThread() throws Exception {
    AtomicReference<String> token = new AtomicReference<>("old");
    List<Thread> decidedOn = new CopyOnWriteArrayList<>();
    ClientAuthorization authorization =
        new ClientAuthorization() {
          @Override
          public Map<String, String> headers(String method, URI uri) {
            return Map.of("Authorization", "Bearer " + token.get());
          }

          @Override
          public boolean refused(Refusal refusal) {
            decidedOn.add(Thread.currentThread());
            token.set("new");
            return true;
          }
        };
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  if (!"Bearer new".equals(request.getHeaders().get("Authorization"))) {
                    response.setStatus(401);
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                    return;
                  }
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(out, result(id, "authorized"));
                });
        McpClient client = server.builder().authorization(authorization).build()) {
      client.initialize();
      JsonNode result =
          client
              .requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults())
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(textOf(result)).isEqualTo("authorized");
      assertThat(server.received("tools/call")).hasSize(2);
      assertThat(decidedOn)
          .singleElement()
          .satisfies(
              thread -> {
                assertThat(thread.isVirtual()).isTrue();
                assertThat(thread.getName()).isEqualTo("mcp-client-resend");
              });
    }
  }

  /**
   * An answer larger than {@code maxMessageBytes}, with its length declared, in chunks with none,
   * or as one SSE event, fails its call naming the limit; the next call is answered.
   */
  @Test
  void anAnswerLargerThanTheClientAcceptsFailsNamingTheLimit() throws Exception {
    String big = "x".repeat(4_000);
    AtomicInteger calls = new AtomicInteger();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  byte[] body = result(id, big).getBytes(StandardCharsets.UTF_8);
                  switch (calls.incrementAndGet()) {
                    case 1 -> {
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                      out.write(body);
                    }
                    case 2 -> {
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      for (int at = 0; at < body.length; at += 500) {
                        out.write(body, at, Math.min(500, body.length - at));
                        out.flush();
                      }
                    }
                    case 3 -> {
                      sse(response);
                      write(out, "id: e1\ndata: " + result(id, big) + "\n\n");
                    }
                    default -> {
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      write(out, result(id, "small"));
                    }
                  }
                });
        McpClient client = server.client(2_048)) {
      client.initialize();
      for (int i = 1; i <= 3; i++) {
        CompletableFuture<JsonNode> answer =
            client.requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults());
        assertThatThrownBy(() -> answer.get(WAIT.toSeconds(), TimeUnit.SECONDS))
            .as("answer %d", i)
            .cause()
            .isInstanceOf(AnswerTooLargeException.class)
            .hasMessageContaining("more than 2048 bytes")
            .hasMessageContaining("maxMessageBytes");
      }
      JsonNode small =
          client
              .requestWithoutBlocking("tools/call", args("a"), RequestOptions.defaults())
              .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(textOf(small)).isEqualTo("small");
    }
  }

  /**
   * Many calls in flight at once, half answered with JSON and half with SSE, each complete with
   * their own result: ids are not mixed up between calls.
   */
  @Test
  void manyConcurrentCallsEachGetTheirOwnResult() throws Exception {
    int calls = 200;
    Operations operations = new Operations();
    List<String> completers = new CopyOnWriteArrayList<>();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  String text = "echo-" + id;
                  if (id % 2 == 0) {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    write(out, result(id, text));
                  } else {
                    sse(response);
                    write(out, "data: " + result(id, text) + "\n\n");
                  }
                });
        McpClient client = server.builder().observer(operations).build();
        ExecutorService callers = Executors.newFixedThreadPool(8)) {
      client.initialize();
      List<Future<List<Sent>>> batches = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        batches.add(
            callers.submit(
                () -> {
                  List<Sent> sent = new ArrayList<>();
                  for (int i = thread; i < calls; i += 8) {
                    String name = "call-" + i;
                    CompletableFuture<JsonNode> answer =
                        client.requestWithoutBlocking(
                            "tools/call", args(name), RequestOptions.defaults());
                    answer.thenRun(() -> completers.add(Thread.currentThread().getName()));
                    sent.add(new Sent(name, answer));
                  }
                  return sent;
                }));
      }
      List<Sent> all = new ArrayList<>();
      for (Future<List<Sent>> batch : batches) {
        all.addAll(batch.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }
      CompletableFuture.allOf(all.stream().map(Sent::answer).toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
      // The server echoes each request's id; the request with that id carried the call's name.
      for (Sent call : all) {
        long id = Long.parseLong(textOf(call.answer().join()).substring("echo-".length()));
        assertThat(nameSentWith(server, id))
            .as("the answer to %s", call.name())
            .isEqualTo(call.name());
      }
      assertThat(all).hasSize(calls);
      await().atMost(WAIT).until(() -> completers.size() == calls);
      assertThat(completers)
          .as("no call waited on a thread of its own")
          .doesNotContain("mcp-client-call");
      assertThat(operations.ended)
          .filteredOn(e -> e.startsWith("tools/call"))
          .hasSize(calls)
          .containsOnly("tools/call:null");
    }
  }

  private record Sent(String name, CompletableFuture<JsonNode> answer) {}

  private static @Nullable String nameSentWith(ScriptedServer server, long id) {
    return server.received("tools/call").stream()
        .filter(r -> r.message().path("id").asLong() == id)
        .map(r -> r.message().at("/params/arguments/text").asString())
        .findFirst()
        .orElse(null);
  }
}
