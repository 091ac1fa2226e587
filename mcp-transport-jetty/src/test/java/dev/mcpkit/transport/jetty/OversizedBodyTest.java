package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/1.1 client that sends a whole body far over the limit before reading receives the 413 and
 * its JSON-RPC error, not a broken connection. The server reads and drops the rest of such a body
 * (bounded) before it answers and closes: closing a socket with unread bytes makes TCP reset the
 * connection, which can drop the answer from the client's receive buffer. (On loopback here Jetty's
 * own consumption of leftover content also got this one through; the reset was seen once under
 * heavy load with the JDK client in StatusRulesTest.) Raw sockets, so no client library hides a
 * reset.
 */
class OversizedBodyTest {
  private TestServer server;

  @BeforeEach
  void start() {
    server = new TestServer(Transport.HTTP_1_1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
    String[] answer = send("POST", 32 * TestServer.MAX_BODY_BYTES); // 2 MiB; the server drops 4
    assertThat(answer[0]).isEqualTo("HTTP/1.1 413 Payload Too Large");
    assertThat(answer[1]).contains("\"code\":-32600").contains("Payload Too Large");
  }

  /**
   * The same for an answer given without reading the body at all: a method the endpoint does not
   * serve (found by the request-path fuzz test, where a 20 KB body with method FX once ended in a
   * broken pipe instead of the 405). Like the 413 above, it passes on loopback without the server's
   * draining too (Jetty consumes what already arrived); it pins the answer, the fuzz test the race.
   */
  @Test
  void aClientSendingABodyWithAMethodNotServedReadsThe405() throws Exception {
    String[] answer = send("PUT", 8 * TestServer.MAX_BODY_BYTES);
    assertThat(answer[0]).isEqualTo("HTTP/1.1 405 Method Not Allowed");
    assertThat(answer[1]).contains("\"code\":-32600").contains("Method not allowed: PUT");
  }

  /**
   * Sends a head and a whole body of {@code size} bytes, then reads the status line and the rest.
   */
  private String[] send(String method, int size) throws Exception {
    try (Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort())) {
      String head =
          method
              + " "
              + server.endpoint.getPath()
              + " HTTP/1.1\r\n"
              + "Host: "
              + server.endpoint.getHost()
              + ":"
              + server.endpoint.getPort()
              + "\r\n"
              + "Accept: application/json, text/event-stream\r\n"
              + "Content-Type: application/json\r\n"
              + "Content-Length: "
              + size
              + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The whole body is written before the answer is read, as a client busy sending does: had the
      // server closed with part of the body unread, TCP would have reset the connection and dropped
      // the 413 waiting in this socket's receive buffer.
      byte[] chunk = new byte[8192];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
      }
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String status = in.readLine();
      StringBuilder rest = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rest.append(line).append('\n');
      }
      return new String[] {status, rest.toString()};
    }
  }
}
