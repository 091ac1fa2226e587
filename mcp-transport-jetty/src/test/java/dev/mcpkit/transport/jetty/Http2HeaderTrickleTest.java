package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.call;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/2 header trickle (issue 21) over a real h2c connection: a raw socket sends a valid
 * connection preface and SETTINGS, then a HEADERS frame one byte every {@value #TRICKLE_MILLIS} ms.
 * Each byte restarts Jetty's idle timeout, and no stream exists until the frame is whole, so only
 * the request deadline can end it: the server sends GOAWAY and closes the connection within the
 * deadline, far before the frame would be whole or the 30 s idle timeout, while a well-behaved h2c
 * client is served; and an h2c client whose request outlasts the deadline is not cut off.
 */
class Http2HeaderTrickleTest {
  private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1_000);
  private static final long TRICKLE_MILLIS = 100;
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int SETTINGS = 0x4;
  private static final int HEADERS = 0x1;
  private static final int GOAWAY = 0x7;

  private TestServer server;
  private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    writer.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aTrickledHeadersFrameIsCutOffByTheDeadlineWhileH2cClientsAreServed() throws Exception {
    server = new TestServer(Transport.H2C, builder -> builder.requestTimeout(REQUEST_TIMEOUT));
    byte[] headers = headersFrame(server.endpoint.getAuthority(), server.endpoint.getPath());
    try (Socket socket = connect()) {
      ServerFrames frames = ServerFrames.read(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      out.write(PREFACE);
      out.write(frame(SETTINGS, 0, 0, new byte[0]));
      out.flush();
      // The server took the preface: its own SETTINGS come back, so the bytes that follow are
      // parsed
      // as HTTP/2 frames.
      await().atMost(Duration.ofSeconds(5)).until(() -> frames.types().contains(SETTINGS));

      long start = System.nanoTime();
      AtomicInteger sent = trickle(out, headers);
      // Meanwhile a well-behaved h2c client on its own connection is served.
      McpTestClient other = new McpTestClient(server.endpoint, Transport.H2C);
      assertThat(other.handshake("2025-11-25")).isNotBlank();

      // The deadline plus at most two sweeps of a quarter of it, and slack for a loaded machine;
      // the whole frame would have taken ~15 s at this pace, and the idle timeout is 30 s.
      await().atMost(Duration.ofSeconds(5)).until(frames.closed::isDone);
      assertThat(frames.closed).isCompleted(); // an end of stream or a reset, not a read error
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(elapsedMillis).isGreaterThanOrEqualTo(REQUEST_TIMEOUT.toMillis());
      assertThat(sent.get()).isLessThan(headers.length);
      // Closed by the deadline, not for a protocol error: a GOAWAY with NO_ERROR and its reason.
      assertThat(frames.goAway()).isEqualTo("error 0: no request in time");
      assertThat(frames.types()).doesNotContain(HEADERS); // no answer: the request never started
    }
  }

  @Test
  void theSameHeadersFrameSentWholeIsAnswered() throws Exception {
    server = new TestServer(Transport.H2C, builder -> builder.requestTimeout(REQUEST_TIMEOUT));
    byte[] headers = headersFrame(server.endpoint.getAuthority(), server.endpoint.getPath());
    try (Socket socket = connect()) {
      ServerFrames frames = ServerFrames.read(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      out.write(PREFACE);
      out.write(frame(SETTINGS, 0, 0, new byte[0]));
      out.write(headers);
      out.flush();
      // The bytes the trickle sends are a valid request: the server answers it on stream 1.
      await().atMost(Duration.ofSeconds(5)).until(() -> frames.types().contains(HEADERS));
      assertThat(frames.goAway()).isNull();
    }
  }

  @Test
  void anH2cRequestThatOutlastsTheDeadlineIsNotCutOff() {
    server = new TestServer(Transport.H2C, builder -> builder.requestTimeout(REQUEST_TIMEOUT));
    McpTestClient client = new McpTestClient(server.endpoint, Transport.H2C);
    String sessionId = client.handshake("2025-11-25");
    CompletableFuture<HttpResponse<String>> gated =
        client.sendAsync(
            client
                .request(sessionId)
                .POST(HttpRequest.BodyPublishers.ofString(call(2, "gate", "{}")))
                .build());
    // The stream stays open for more than twice the deadline; its connection is left alone.
    await()
        .during(REQUEST_TIMEOUT.multipliedBy(5).dividedBy(2))
        .atMost(REQUEST_TIMEOUT.multipliedBy(4))
        .until(() -> !gated.isDone());
    server.gateOpen.countDown();
    HttpResponse<String> answer = gated.join();
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer).at("/result/content/0/text").asString()).isEqualTo("passed");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(server.endpoint.getHost(), server.endpoint.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  /**
   * Writes the bytes one at a time, {@value #TRICKLE_MILLIS} ms apart, from a scheduled writer,
   * until done or cut off; returns how many were written.
   */
  private AtomicInteger trickle(OutputStream out, byte[] bytes) {
    AtomicInteger sent = new AtomicInteger();
    writer.scheduleAtFixedRate(
        () -> {
          int next = sent.get();
          if (next == bytes.length) {
            throw new IllegalStateException("done"); // ends the schedule
          }
          try {
            out.write(bytes[next]);
            out.flush();
            sent.incrementAndGet();
          } catch (IOException e) {
            throw new IllegalStateException("cut off", e); // what the test expects; ends it
          }
        },
        0,
        TRICKLE_MILLIS,
        TimeUnit.MILLISECONDS);
    return sent;
  }

  /**
   * A HEADERS frame (END_STREAM, END_HEADERS) on stream 1 for a GET of the path, HPACK-encoded with
   * literals and no Huffman; padded with a 100-byte header so it is long enough to trickle.
   */
  private static byte[] headersFrame(String authority, String path) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x82); // :method GET (static table 2)
    block.write(0x86); // :scheme http (static table 6)
    literal(block, 4, path); // :path, name from static table 4
    literal(block, 1, authority); // :authority, name from static table 1
    block.write(0x00); // a literal name and value, not indexed
    string(block, "x-padding");
    string(block, "x".repeat(100));
    return frame(HEADERS, 0x5, 1, block.toByteArray());
  }

  private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
    block.write(nameIndex); // literal without indexing, 4-bit name index (< 15)
    string(block, value);
  }

  private static void string(ByteArrayOutputStream block, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    assertThat(bytes.length).isLessThan(127); // a one-byte length prefix, no Huffman
    block.write(bytes.length);
    block.writeBytes(bytes);
  }

  private static byte[] frame(int type, int flags, int streamId, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(payload.length >>> 16);
    frame.write(payload.length >>> 8);
    frame.write(payload.length);
    frame.write(type);
    frame.write(flags);
    frame.write(streamId >>> 24);
    frame.write(streamId >>> 16);
    frame.write(streamId >>> 8);
    frame.write(streamId);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  /** The frames the server sends on a raw connection, read on a virtual thread until it closes. */
  private record ServerFrames(
      List<Integer> received, List<String> goAways, CompletableFuture<Void> closed) {
    static ServerFrames read(InputStream in) {
      ServerFrames frames =
          new ServerFrames(
              new CopyOnWriteArrayList<>(),
              new CopyOnWriteArrayList<>(),
              new CompletableFuture<>());
      Thread.ofVirtual().start(() -> frames.readAll(new DataInputStream(in)));
      return frames;
    }

    private void readAll(DataInputStream in) {
      try {
        while (true) {
          int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
          int type = in.readUnsignedByte();
          in.readUnsignedByte(); // flags
          in.readInt(); // stream id
          byte[] payload = in.readNBytes(length);
          if (payload.length < length) {
            break;
          }
          received.add(type);
          if (type == GOAWAY && length >= 8) {
            int error = (payload[4] & 0xff) << 24 | (payload[5] & 0xff) << 16;
            error |= (payload[6] & 0xff) << 8 | (payload[7] & 0xff);
            String reason = new String(payload, 8, length - 8, StandardCharsets.UTF_8);
            goAways.add("error " + error + ": " + reason);
          }
        }
      } catch (EOFException | SocketException e) {
        // closed or reset by the server
      } catch (IOException e) {
        closed.completeExceptionally(e);
        return;
      }
      closed.complete(null);
    }

    List<Integer> types() {
      return received;
    }

    String goAway() {
      return goAways.isEmpty() ? null : goAways.getFirst();
    }
  }
}
