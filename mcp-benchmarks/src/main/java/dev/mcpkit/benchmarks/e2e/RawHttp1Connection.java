package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One user's HTTP/1.1 connection for the lean load generator: a non-blocking socket driven by an
 * {@link Http1EventLoop}, each request written in one {@code write} from pre-encoded bytes, the
 * answer parsed in place by {@link Http1AnswerParser}. It exists because a general-purpose client
 * costs as much CPU per request as the servers under test, on the same cores, which squeezes every
 * ratio towards 1 (BENCHMARKS.md).
 *
 * <p>It answers each request or fails it; after a failure, or an answer with {@code Connection:
 * close} or delimited by the end of the connection, the next request opens a new connection. No
 * TLS, redirects, 100-continue or pipelining: none of the servers needs them.
 *
 * <p>Thread-safety: a user has one request in flight at a time; all socket work happens on the
 * event loop's thread (requests from other threads are handed to it), and the future completes
 * there.
 */
final class RawHttp1Connection implements UserConnection, AutoCloseable {
  private final Http1EventLoop loop;
  private final InetSocketAddress address;
  private final byte[] postHead;
  private final byte[] deleteHead;
  // Touched on the loop thread only.
  private @Nullable SocketChannel channel;
  private @Nullable SelectionKey key;
  private @Nullable CompletableFuture<Answer> pending;
  private byte[] buffer = new byte[16 * 1024];
  private int end;

  RawHttp1Connection(Http1EventLoop loop, Endpoint endpoint) {
    this.loop = loop;
    URI uri = endpoint.uri();
    this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
    String target = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    // The endpoint's credentials are part of every request's pre-encoded head.
    String host =
        "Host: "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + "\r\n"
            + (endpoint.authorization() == null
                ? ""
                : "Authorization: " + endpoint.authorization() + "\r\n");
    this.postHead =
        ("POST "
                + target
                + " HTTP/1.1\r\n"
                + host
                + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.deleteHead =
        ("DELETE " + target + " HTTP/1.1\r\n" + host).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public CompletableFuture<Answer> post(
      @Nullable String sessionId, @Nullable String version, byte[] body) {
    return exchange(request(postHead, sessionId, version, body));
  }

  @Override
  public CompletableFuture<Answer> delete(String sessionId, String version) {
    return exchange(request(deleteHead, sessionId, version, null));
  }

  private CompletableFuture<Answer> exchange(byte[] request) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    loop.execute(() -> send(request, answer));
    return answer;
  }

  private static byte[] request(
      byte[] head, @Nullable String sessionId, @Nullable String version, byte @Nullable [] body) {
    StringBuilder headers = new StringBuilder(128);
    if (sessionId != null) {
      headers.append(LoadClient.SESSION_HEADER).append(": ").append(sessionId).append("\r\n");
    }
    if (version != null) {
      headers.append(LoadClient.VERSION_HEADER).append(": ").append(version).append("\r\n");
    }
    if (body != null) {
      headers.append("Content-Length: ").append(body.length).append("\r\n");
    }
    headers.append("\r\n");
    byte[] extra = headers.toString().getBytes(StandardCharsets.US_ASCII);
    int bodyLength = body == null ? 0 : body.length;
    byte[] request = Arrays.copyOf(head, head.length + extra.length + bodyLength);
    System.arraycopy(extra, 0, request, head.length, extra.length);
    if (body != null) {
      System.arraycopy(body, 0, request, head.length + extra.length, bodyLength);
    }
    return request;
  }

  /** On the loop: connects if needed, writes the request, waits for the answer's bytes. */
  private void send(byte[] request, CompletableFuture<Answer> answer) {
    if (pending != null) {
      answer.completeExceptionally(
          new IllegalStateException("a request is already in flight on this connection"));
      return;
    }
    try {
      if (channel == null) {
        connect();
      }
      ByteBuffer out = ByteBuffer.wrap(request);
      while (out.hasRemaining()) {
        // Requests are a few hundred bytes and the socket's send buffer is empty between them, so
        // this completes at once; the loop only guards against a partial write.
        requireNonNull(channel).write(out); // connect() above opened it
      }
      pending = answer;
      end = 0;
    } catch (IOException | RuntimeException e) {
      closeChannel();
      answer.completeExceptionally(e);
    }
  }

  private void connect() throws IOException {
    SocketChannel c = SocketChannel.open();
    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.connect(
        address); // blocking: loopback connects at once; only the first request of a connection
    c.configureBlocking(false);
    channel = c;
    key = c.register(loop.selector(), SelectionKey.OP_READ, this);
  }

  /** On the loop: reads what arrived and completes the answer once it is whole. */
  void onReadable() {
    SocketChannel c = channel;
    if (c == null) {
      return;
    }
    boolean ended = false;
    try {
      while (true) {
        if (end == buffer.length) {
          if (buffer.length
              >= Http1AnswerParser.MAX_HEAD_BYTES + Http1AnswerParser.MAX_BODY_BYTES) {
            throw new IOException("answer larger than the limits");
          }
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = c.read(ByteBuffer.wrap(buffer, end, buffer.length - end));
        if (read < 0) {
          ended = true;
          break;
        }
        if (read == 0) {
          break;
        }
        end += read;
      }
      CompletableFuture<Answer> answer = pending;
      if (answer == null) {
        if (ended || end > 0) {
          closeChannel(); // the server closed an idle connection, or sent bytes nobody asked for
        }
        return;
      }
      Http1AnswerParser.Parsed parsed = Http1AnswerParser.parse(buffer, 0, end, ended);
      if (parsed == null) {
        return;
      }
      pending = null;
      if (parsed.close() || ended || parsed.length() != end) {
        closeChannel();
      }
      end = 0;
      answer.complete(parsed.answer());
    } catch (IOException | RuntimeException e) {
      CompletableFuture<Answer> answer = pending;
      pending = null;
      closeChannel();
      if (answer != null) {
        answer.completeExceptionally(e);
      }
    }
  }

  private void closeChannel() {
    SocketChannel c = channel;
    channel = null;
    end = 0;
    if (key != null) {
      key.cancel();
      key = null;
    }
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Closes the connection (on the loop); a request in flight fails. */
  @Override
  public void close() {
    loop.execute(
        () -> {
          CompletableFuture<Answer> answer = pending;
          pending = null;
          closeChannel();
          if (answer != null) {
            answer.completeExceptionally(
                new IOException("connection closed by the load generator"));
          }
        });
  }
}
