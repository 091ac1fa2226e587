package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.ScriptedServer.progress;
import static dev.mcpkit.transport.jetty.ScriptedServer.result;
import static dev.mcpkit.transport.jetty.ScriptedServer.sse;
import static dev.mcpkit.transport.jetty.ScriptedServer.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted server that misbehaves on purpose: SSE written a few bytes at a
 * time, malformed events, a stream dropped before the answer (with and without an event id to
 * resume from), a resumed stream that replays an event the client already saw.
 *
 * @see ScriptedServer
 */
class ScriptedServerClientTest {

  @Test
  void slowSseWrittenAFewBytesAtATimeWithMalformedEventsAndComments() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  sse(response);
                  String stream =
                      ": hello\r\n\r\ndata: not json\r\n\r\nevent: message\r\ndata: "
                          + progress(id, 1)
                          + "\r\n\r\n"
                          + "data: {\"jsonrpc\":\"2.0\",\"id\":"
                          + id
                          + ",\r\ndata: \"result\":{\"content\":[{\"type\":\"text\",\"text\":\"slow\"}]}}\r\n\r\n";
                  for (int i = 0; i < stream.length(); i += 7) {
                    write(out, stream.substring(i, Math.min(stream.length(), i + 7)));
                  }
                });
        McpClient client = server.client()) {
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      assertThat(
              client
                  .callTool(
                      "t",
                      TestServer.JSON.readTree("{}"),
                      RequestOptions.defaults().withProgress(progress::add))
                  .text())
          .isEqualTo("slow");
      assertThat(progress).extracting(ProgressListener.Progress::progress).containsExactly(1.0);
    }
  }

  @Test
  void aDroppedStreamIsResumedFromTheLastEventIdAndAReplayedEventIsNotDeliveredTwice()
      throws Exception {
    long[] callId = new long[1];
    try (ScriptedServer server =
            new ScriptedServer(
                new ScriptedServer.Script() {
                  @Override
                  public void toolsCall(
                      long id, Request request, Response response, OutputStream out)
                      throws IOException {
                    callId[0] = id;
                    sse(response);
                    write(out, "id: e1\nretry: 20\ndata:\n\n");
                    write(out, "id: e2\ndata: " + progress(id, 1) + "\n\n");
                    // the stream ends here without the answer
                  }

                  @Override
                  public void get(Request request, Response response, OutputStream out)
                      throws IOException {
                    sse(response);
                    write(
                        out,
                        "id: e2\ndata: "
                            + progress(callId[0], 1)
                            + "\n\n"); // a replay the client already has
                    write(out, "id: e3\ndata: " + progress(callId[0], 2) + "\n\n");
                    write(out, "id: e4\ndata: " + result(callId[0], "resumed") + "\n\n");
                  }
                });
        McpClient client = server.client()) {
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      assertThat(
              client
                  .callTool(
                      "t",
                      TestServer.JSON.readTree("{}"),
                      RequestOptions.defaults().withProgress(progress::add))
                  .text())
          .isEqualTo("resumed");
      assertThat(progress)
          .extracting(ProgressListener.Progress::progress)
          .containsExactly(1.0, 2.0);
      assertThat(server.lastEventIds).containsExactly("e2");
    }
  }

  @Test
  void aStreamDroppedBeforeAnyEventIdFailsTheCall() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  sse(response);
                  write(out, "data: " + progress(id, 1) + "\n\n");
                });
        McpClient client = server.client()) {
      assertThatThrownBy(() -> client.callTool("t", TestServer.JSON.readTree("{}")))
          .isInstanceOf(McpClientException.class)
          .hasMessageContaining("cannot be resumed");
      assertThat(server.lastEventIds).isEmpty();
    }
  }

  /**
   * A JSON answer with no declared length, flushed in many small chunks and larger than any buffer
   * the client starts with, is read whole before the call completes: the client grows its copy of
   * the body as the chunks arrive on Jetty's thread.
   */
  @Test
  void aLargeJsonAnswerInManyChunksWithoutALengthIsReadWhole() throws Exception {
    String text = "h\u00e9llo \u20ac \ud83d\ude00 ".repeat(6_000); // ~110 KB of UTF-8
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  response.setStatus(200);
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  byte[] body = result(id, text).getBytes(StandardCharsets.UTF_8);
                  for (int at = 0; at < body.length; at += 1_000) {
                    out.write(body, at, Math.min(1_000, body.length - at));
                    out.flush(); // chunked transfer coding, one chunk per write
                  }
                });
        McpClient client = server.client()) {
      assertThat(client.callTool("t", TestServer.JSON.readTree("{}")).text()).isEqualTo(text);
      assertThat(client.callTool("t", TestServer.JSON.readTree("{}")).text())
          .as("the connection is reusable after a chunked answer")
          .isEqualTo(text);
    }
  }

  /**
   * An answer larger than the client's {@code maxMessageBytes} fails its call with a message that
   * names the limit, whether its length is declared, it arrives in chunks with none, or it is one
   * event of an SSE stream; the client is not stuck with it, and its next call is answered.
   */
  @Test
  void anAnswerLargerThanTheClientAcceptsFailsItsCallNamingTheLimit() throws Exception {
    String big = "x".repeat(4_000);
    AtomicInteger calls = new AtomicInteger();
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  switch (calls.incrementAndGet()) {
                    case 1 -> { // declared length
                      response.setStatus(200);
                      byte[] body = result(id, big).getBytes(StandardCharsets.UTF_8);
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                      out.write(body);
                    }
                    case 2 -> { // chunked, no length
                      response.setStatus(200);
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      byte[] body = result(id, big).getBytes(StandardCharsets.UTF_8);
                      for (int at = 0; at < body.length; at += 500) {
                        out.write(body, at, Math.min(500, body.length - at));
                        out.flush();
                      }
                    }
                    case 3 -> { // one SSE event
                      sse(response);
                      write(out, "id: e1\ndata: " + result(id, big) + "\n\n");
                    }
                    default -> {
                      response.setStatus(200);
                      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                      write(out, result(id, "small"));
                    }
                  }
                });
        McpClient client = server.client(2_048)) {
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> client.callTool("t", TestServer.JSON.readTree("{}")))
            .as("answer %d", i + 1)
            .isInstanceOf(AnswerTooLargeException.class)
            .hasMessageContaining("more than 2048 bytes")
            .hasMessageContaining("maxMessageBytes");
      }
      assertThat(client.callTool("t", TestServer.JSON.readTree("{}")).text()).isEqualTo("small");
      assertThat(server.lastEventIds).as("an event too large is not resumed").isEmpty();
    }
  }

  /**
   * A JSON answer whose body stops after its headers and a few bytes ends the call at its deadline
   * with {@link RequestTimeoutException}: the client waits for the whole body, not forever.
   */
  @Test
  void aJsonAnswerThatStallsAfterItsHeadersTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  response.setStatus(200);
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(out, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"res");
                  try {
                    release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        McpClient client = server.client()) {
      try {
        assertThatThrownBy(
                () ->
                    client.callTool(
                        "t",
                        TestServer.JSON.readTree("{}"),
                        RequestOptions.defaults().withTimeout(Duration.ofMillis(300))))
            .isInstanceOf(RequestTimeoutException.class);
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void anHttpErrorWithAJsonRpcBodyIsReported() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  response.setStatus(400);
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(
                      out,
                      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"bad\"}}");
                });
        McpClient client = server.client()) {
      assertThatThrownBy(() -> client.callTool("t", TestServer.JSON.readTree("{}")))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.error())
                    .hasValueSatisfying(err -> assertThat(err.code()).isEqualTo(-32600));
              });
    }
  }

  /**
   * The client reads what a server sends more leniently than the engine reads a request (the rules
   * of {@code JsonRpcCodecs.readLeniently}): no {@code jsonrpc} member, an empty batch.
   */
  @Test
  void messagesWithoutTheVersionMemberAndAnEmptyBatchAreUnderstood() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  sse(response);
                  write(out, "data: []\n\n");
                  write(
                      out,
                      "data: {\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
                          + id
                          + ",\"progress\":1}}\n\n");
                  write(
                      out,
                      "data: {\"id\":"
                          + id
                          + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"bent\"}]}}\n\n");
                });
        McpClient client = server.client()) {
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      assertThat(
              client
                  .callTool(
                      "t",
                      TestServer.JSON.readTree("{}"),
                      RequestOptions.defaults().withProgress(progress::add))
                  .text())
          .isEqualTo("bent");
      assertThat(progress).extracting(ProgressListener.Progress::progress).containsExactly(1.0);
    }
  }

  @Test
  void anErrorWithAStringCodeAndNoMessageIsStillAnError() throws Exception {
    try (ScriptedServer server =
            new ScriptedServer(
                (id, request, response, out) -> {
                  response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                  write(out, "{\"id\":" + id + ",\"error\":{\"code\":\"-32001\"}}");
                });
        McpClient client = server.client()) {
      assertThatThrownBy(() -> client.callTool("t", TestServer.JSON.readTree("{}")))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(
                          err -> {
                            assertThat(err.code()).isEqualTo(-32001);
                            assertThat(err.message()).isEmpty();
                          }));
    }
  }
}
