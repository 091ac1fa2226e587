package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Requests pipelined on one raw HTTP/1.1 connection behind a call served on a request thread. When
 * that request thread completes its exchange, Jetty resumes the connection to read the next
 * request; the server runs that resumption on the request thread itself rather than on a pool
 * thread (issue 20: one thread wake-up fewer per call), so the pipelined request is read and served
 * there. Every request must still be answered, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinedRequestsTest {
  private final TestServer server = new TestServer();
  private final McpTestClient client = new McpTestClient(server.endpoint);
  private final String sessionId = client.handshake("2025-11-25");

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void aRequestPipelinedBehindABlockingCallIsServedOnTheRequestThreadThatFinishedIt()
      throws IOException {
    // The I/O thread hands the blocking call to a request thread and returns to Jetty, which then
    // leaves the pipelined request for whoever completes the call. Only if the call completed
    // before the I/O thread got that far (a race it nearly always wins) does the I/O thread read
    // the next request itself: so the pair is sent several times, and before the change every
    // pipelined request was served on a platform thread.
    int virtual = 0;
    for (int round = 0; round < 10; round++) {
      try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(request(call(1, "echo", "{\"message\":\"first\"}")));
        // A non-blocking tool runs on whatever thread read its request: the answer names its kind.
        both.writeBytes(request(call(2, "inline-thread", "{}")));
        out.write(both.toByteArray()); // one write: both requests reach the server together
        out.flush();

        InputStream in = socket.getInputStream();
        List<String> first = SplitBodyTest.readAnswer(in);
        List<String> second = SplitBodyTest.readAnswer(in);
        assertThat(first.getFirst()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(first.getLast()).contains("\"id\":1").contains("\"text\":\"first\"");
        assertThat(second.getFirst()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(second.getLast()).contains("\"id\":2");
        if (second.getLast().contains("\"text\":\"virtual\"")) {
          virtual++;
        }
      }
    }
    assertThat(virtual).as("pipelined requests served on the request thread").isPositive();
  }

  @Test
  void manyBlockingCallsPipelinedOnOneConnectionAreAnsweredInOrder() throws IOException {
    int count = 20;
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      socket.setTcpNoDelay(true);
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int i = 0; i < count; i++) {
        String tool = i % 3 == 2 ? "inline-echo" : "echo";
        all.writeBytes(request(call(100 + i, tool, "{\"message\":\"m" + i + "\"}")));
      }
      socket.getOutputStream().write(all.toByteArray());
      socket.getOutputStream().flush();

      InputStream in = socket.getInputStream();
      for (int i = 0; i < count; i++) {
        List<String> answer = SplitBodyTest.readAnswer(in);
        assertThat(answer.getFirst()).as("answer %d", i).isEqualTo("HTTP/1.1 200 OK");
        assertThat(answer.getLast())
            .as("answer %d", i)
            .contains("\"id\":" + (100 + i))
            .contains("\"text\":\"m" + i + "\"");
      }
    }
  }

  private byte[] request(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: "
            + McpTestClient.BOTH
            + "\r\nContent-Type: application/json\r\nMcp-Session-Id: "
            + sessionId
            + "\r\nMCP-Protocol-Version: 2025-11-25\r\nContent-Length: "
            + bytes.length
            + "\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bytes);
    return out.toByteArray();
  }
}
