package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Bodies that arrive in pieces after their headers, over raw HTTP/1.1 keep-alive connections: the
 * fast path reads what is there without waiting and hands the rest to a request thread, which must
 * go on where it stopped. Every split point of a call gets the same answer as the whole call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SplitBodyTest {
  private final TestServer server = new TestServer();
  private final McpTestClient client = new McpTestClient(server.endpoint);
  private final String sessionId = client.handshake("2025-11-25");

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void everySplitOfTheBodyGetsTheSameAnswer() throws IOException {
    for (String tool : List.of("inline-echo", "echo")) {
      String body = call(9, tool, "{\"message\":\"split \\u00e9\"}");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int split = 0; split <= bytes.length; split += 7) {
          out.write(head(bytes.length).getBytes(StandardCharsets.US_ASCII));
          out.flush();
          out.write(bytes, 0, split);
          out.flush();
          out.write(bytes, split, bytes.length - split);
          out.flush();

          List<String> answer = readAnswer(in);
          assertThat(answer.getFirst())
              .as("split at %d of %s", split, tool)
              .isEqualTo("HTTP/1.1 200 OK");
          assertThat(answer.getLast())
              .as("split at %d of %s", split, tool)
              .contains("\"id\":9")
              .contains("\"text\":\"split \u00e9\"");
        }
      }
    }
  }

  @Test
  void aBodyCutShortIsAParseError() throws IOException {
    byte[] bytes =
        call(10, "inline-echo", "{\"message\":\"cut\"}").getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(head(bytes.length).getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, bytes.length / 2);
      out.flush();
      socket.shutdownOutput();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer)
          .startsWith("HTTP/1.1 400 ")
          .contains(
              "{\"code\":-32700,\"message\":\"Parse error: the body ended before its Content-Length\"}");
    }
  }

  private String head(int length) {
    return "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: "
        + McpTestClient.BOTH
        + "\r\nContent-Type: application/json\r\nMcp-Session-Id: "
        + sessionId
        + "\r\nMCP-Protocol-Version: 2025-11-25\r\nContent-Length: "
        + length
        + "\r\n\r\n";
  }

  /**
   * Reads one answer with a {@code Content-Length}: the status line, the headers, then the body.
   */
  static List<String> readAnswer(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    int length = 0;
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      lines.add(line);
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    lines.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
    return lines;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
