package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.server.JsonRpcCodec;
import dev.mcpkit.api.server.MessageSink;
import dev.mcpkit.api.server.Outcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one POST carrying requests. It stays undecided until either the engine sends a
 * message before its responses, which starts an SSE stream, or the engine returns, which (with
 * nothing sent before) answers one {@code application/json} body. A state machine:
 *
 * <pre>
 *   PENDING   -&gt; STREAMING (first message sent)  | CLOSED (JSON answer written)
 *   STREAMING -&gt; CLOSED    (responses written, or the client went away)
 * </pre>
 *
 * <p>Thread-safe: a tool may send progress from its own threads, so every write runs under a
 * {@link ReentrantLock} (not {@code synchronized}: writes block, and this runs on virtual threads).
 */
final class ResponseChannel implements MessageSink {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseChannel.class);
  private static final byte[] EVENT_PREFIX = "event: message\ndata: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT_SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);

  private enum Mode { PENDING, STREAMING, CLOSED }

  private final Response response;
  private final JsonRpcCodec codec;
  private final ReentrantLock lock = new ReentrantLock();
  private Mode mode = Mode.PENDING; // guarded by lock
  private @Nullable IOException failure; // guarded by lock

  ResponseChannel(Response response, JsonRpcCodec codec) {
    this.response = requireNonNull(response, "response");
    this.codec = requireNonNull(codec, "codec");
  }

  @Override
  public void send(JsonRpcMessage message) {
    requireNonNull(message, "message");
    lock.lock();
    try {
      if (mode == Mode.CLOSED) {
        return;
      }
      if (mode == Mode.PENDING) {
        startStream();
      }
      writeEvent(codec.encode(message), false);
    } catch (IOException e) {
      fail(e);
    } finally {
      lock.unlock();
    }
  }

  /** Writes the engine's responses and ends the answer; later {@link #send} calls are dropped. */
  void finish(Outcome.Answered answered) {
    lock.lock();
    try {
      switch (mode) {
        case PENDING -> {
          if (answered.responses().isEmpty()) {
            // Every request was cancelled; cancelled requests get no response, so the stream is empty.
            startStream();
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
          } else {
            if (answered.newSession() != null) {
              response.getHeaders().put(McpHeaders.MCP_SESSION_ID, answered.newSession().value());
            }
            byte[] body = answered.batch()
                ? codec.encodeBatch(answered.responses())
                : codec.encode(answered.responses().getFirst());
            HttpAnswers.json(response, HttpStatus.OK_200, body);
          }
        }
        case STREAMING -> {
          for (int i = 0; i < answered.responses().size(); i++) {
            boolean last = i == answered.responses().size() - 1;
            writeEvent(codec.encode(answered.responses().get(i)), last);
          }
          if (answered.responses().isEmpty()) {
            Content.Sink.write(response, true, ByteBuffer.allocate(0));
          }
        }
        case CLOSED -> { }
      }
      mode = Mode.CLOSED;
    } catch (IOException e) {
      fail(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns why writing failed (typically the client went away).
   *
   * @return the failure, or {@code null}
   */
  @Nullable IOException failure() {
    lock.lock();
    try {
      return failure;
    } finally {
      lock.unlock();
    }
  }

  private void startStream() {
    response.setStatus(HttpStatus.OK_200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MediaTypes.TEXT_EVENT_STREAM);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    mode = Mode.STREAMING;
  }

  private void writeEvent(byte[] json, boolean last) throws IOException {
    ByteBuffer event = ByteBuffer.allocate(EVENT_PREFIX.length + json.length + EVENT_SUFFIX.length);
    event.put(EVENT_PREFIX).put(json).put(EVENT_SUFFIX).flip();
    Content.Sink.write(response, last, event);
  }

  private void fail(IOException e) {
    LOG.debug("writing the answer failed; dropping the rest", e);
    failure = e;
    mode = Mode.CLOSED;
  }
}
