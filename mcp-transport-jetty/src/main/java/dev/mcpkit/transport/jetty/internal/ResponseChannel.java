package dev.mcpkit.transport.jetty.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StreamId;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to one POST carrying requests, and the logical SSE stream it may become. It stays
 * undecided until either the engine sends a message before its responses, which starts an SSE
 * stream, or the engine returns, which (with nothing sent before) answers one {@code
 * application/json} body. A state machine:
 *
 * <pre>
 *   PENDING   -&gt; STREAMING (first message sent, or closeStream)  | DONE (JSON answer written)
 *   STREAMING -&gt; DONE      (the responses were appended and written where the stream is connected)
 * </pre>
 *
 * <p>A streaming answer belongs to a session's {@link SessionStreams}: it has a {@link StreamId},
 * and every event goes through the {@link EventStore} first (which assigns its id), then to the
 * connection the stream currently writes to. That connection is the POST's own response at first;
 * it goes away when the client disconnects or {@link #closeStream()} ends it (polling), and a GET
 * with {@code Last-Event-ID} {@linkplain #resume attaches} a new one. Because appending and writing
 * happen under one lock, and a resumption replays from the store under the same lock before it
 * attaches, every event reaches the client exactly once: either in the replay or live afterwards.
 * Once the final response was written to a live connection the stream completes and its events are
 * dropped; if it was only stored (no connection), the stream waits for a resumption to deliver it.
 *
 * <p>Thread-safe: a tool may send progress from its own threads, so every write runs under a {@link
 * StreamLock} (not {@code synchronized}: writes block, and this runs on virtual threads); the
 * {@link KeepAlive} writes under it too, but only tries it.
 */
@SuppressWarnings("try") // try (StreamLock ignored = lock.lock()): the lock is the resource
final class ResponseChannel implements MessageSink, KeepAlive.Stream {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseChannel.class);

  private enum Mode {
    PENDING,
    STREAMING,
    DONE
  }

  private final Response response;
  private final JsonRpcCodec codec;
  private final Supplier<@Nullable SessionStreams> sessionStreams;
  private final Runnable releaseExchange;
  private final Consumer<Throwable> abortExchange;
  private final StreamLimits limits;
  private final Runnable streamOpened;
  private final Runnable streamClosed;
  private final boolean http1;
  private final StreamLock lock = new StreamLock();
  private Mode mode = Mode.PENDING; // guarded by lock
  private @Nullable IOException failure; // guarded by lock
  private @Nullable SessionStreams streams; // guarded by lock; set when streaming in a session
  private @Nullable StreamId streamId; // guarded by lock; set with streams
  private @Nullable SseConnection own; // guarded by lock; the POST's own response, once streaming
  private @Nullable SseConnection connection; // guarded by lock; where events go now, or null
  private @Nullable Runnable onClientClose; // guarded by lock; run once when the client goes away
  private boolean serverStopping; // guarded by lock

  /**
   * @param response the POST's response
   * @param codec encodes the messages
   * @param sessionStreams finds the session's streams when the answer turns into SSE; yields {@code
   *     null} without a session (events then carry no id and cannot be resumed)
   * @param releaseExchange completes the POST's HTTP exchange early, once {@link #closeStream()}
   *     ended its response, so that its connection can serve other requests while the call runs
   * @param abortExchange fails the POST's HTTP exchange when its client stopped reading the stream
   *     ({@link SseConnection}'s output queue overflowed)
   * @param limits bounds the output queue of the POST's own connection
   * @param streamOpened run when the answer turns into a stream, which counts against its client
   * @param streamClosed run once that stream's own connection ended
   * @param http1 whether the POST came over HTTP/1.x, where a connection carries one exchange at a
   *     time
   */
  ResponseChannel(
      Response response,
      JsonRpcCodec codec,
      Supplier<@Nullable SessionStreams> sessionStreams,
      Runnable releaseExchange,
      Consumer<Throwable> abortExchange,
      StreamLimits limits,
      Runnable streamOpened,
      Runnable streamClosed,
      boolean http1) {
    this.response = requireNonNull(response, "response");
    this.codec = requireNonNull(codec, "codec");
    this.sessionStreams = requireNonNull(sessionStreams, "sessionStreams");
    this.releaseExchange = requireNonNull(releaseExchange, "releaseExchange");
    this.abortExchange = requireNonNull(abortExchange, "abortExchange");
    this.limits = requireNonNull(limits, "limits");
    this.streamOpened = requireNonNull(streamOpened, "streamOpened");
    this.streamClosed = requireNonNull(streamClosed, "streamClosed");
    this.http1 = http1;
  }

  @Override
  public @Nullable String networkProtocolVersion() {
    return HttpVersions.of(response.getRequest().getConnectionMetaData().getHttpVersion());
  }

  @Override
  public void send(JsonRpcMessage message) {
    requireNonNull(message, "message");
    try (StreamLock ignored = lock.lock()) {
      if (mode == Mode.DONE) {
        return;
      }
      if (mode == Mode.PENDING) {
        startStream(sessionStreams.get());
      }
      emit(codec.encode(message), false);
    }
  }

  @Override
  public void closeStream() {
    try (StreamLock ignored = lock.lock()) {
      if (mode == Mode.DONE) {
        return;
      }
      if (mode == Mode.PENDING) {
        SessionStreams found = sessionStreams.get();
        if (found == null || !found.primes()) {
          return; // no priming event, so the client would have no id to resume from
        }
        startStream(found);
      } else if (streams == null || !streams.primes()) {
        return;
      }
      SseConnection current = connection;
      if (current != null) {
        current.end();
        connection = null;
        if (current == own) {
          // Once the end went out: completing the exchange with a write pending would fail it.
          current.whenEnded(releaseExchange);
        }
      }
    }
  }

  @Override
  public boolean isOpen() {
    try (StreamLock ignored = lock.lock()) {
      return mode != Mode.DONE && failure == null && !serverStopping;
    }
  }

  /** The server stops: {@link #isOpen()} turns {@code false}, so long-lived answers end. */
  void serverStopping() {
    try (StreamLock ignored = lock.lock()) {
      serverStopping = true;
    }
  }

  @Override
  public void onClientClose(Runnable action) {
    requireNonNull(action, "action");
    boolean runNow;
    try (StreamLock ignored = lock.lock()) {
      runNow = failure != null;
      if (!runNow) {
        onClientClose = action;
      }
    }
    if (runNow) {
      action.run();
    }
  }

  /**
   * The client went away (the connection failed under the exchange): runs the close action once.
   */
  void clientClosed(Throwable why) {
    Runnable action;
    try (StreamLock ignored = lock.lock()) {
      if (mode == Mode.DONE) {
        return;
      }
      if (failure == null) {
        failure =
            why instanceof IOException io
                ? io
                : new IOException("the client closed the exchange", why);
      }
      action = onClientClose;
      onClientClose = null;
    }
    if (action != null) {
      action.run();
    }
  }

  /**
   * Tells whether the answer already turned into an SSE stream, so that an error can only be sent
   * as its last event, no longer with an HTTP status of its own.
   */
  boolean streaming() {
    try (StreamLock ignored = lock.lock()) {
      return mode == Mode.STREAMING;
    }
  }

  /** Writes the engine's responses and ends the answer; later {@link #send} calls are dropped. */
  /**
   * {@link #finish} on a thread that must not block, for the usual end of an answer that came later
   * ({@link LaterRequests}): when nothing was streamed and there are responses, writes the JSON
   * body, completing {@code callback} when written, and returns {@code true}. Otherwise (a stream
   * started, every request was cancelled, or another thread holds the lock) it does nothing and
   * returns {@code false}: the caller finishes on a thread that may block.
   *
   * @param answered the responses
   * @param callback completes the exchange once the body is written
   * @return whether the answer was written
   */
  boolean finishWithoutBlocking(Outcome.Answered answered, Callback callback) {
    StreamLock held = lock.tryLock();
    if (held == null) {
      return false;
    }
    try (held) {
      if (mode != Mode.PENDING || answered.responses().isEmpty()) {
        return false;
      }
      mode = Mode.DONE;
      HttpAnswers.json(response, HttpStatus.OK_200, jsonAnswer(answered), callback);
      return true;
    }
  }

  /** The body of a JSON answer; announces the session {@code initialize} created. */
  private byte[] jsonAnswer(Outcome.Answered answered) {
    if (answered.newSession() != null) {
      response.getHeaders().put(McpHeaders.MCP_SESSION_ID, answered.newSession().value());
    }
    return answered.batch()
        ? codec.encodeBatch(answered.responses())
        : codec.encode(answered.responses().getFirst());
  }

  void finish(Outcome.Answered answered) {
    try (StreamLock ignored = lock.lock()) {
      switch (mode) {
        case PENDING -> {
          mode = Mode.DONE;
          if (answered.responses().isEmpty()) {
            // Every request was cancelled; cancelled requests get no response, so the stream is
            // empty.
            SseConnection empty = new SseConnection(response, limits, abortExchange);
            own = empty;
            empty.end();
          } else {
            byte[] body = jsonAnswer(answered);
            try {
              HttpAnswers.json(response, HttpStatus.OK_200, body);
            } catch (IOException e) {
              fail(e);
            }
          }
        }
        case STREAMING -> {
          int count = answered.responses().size();
          for (int i = 0; i < count; i++) {
            emit(codec.encode(answered.responses().get(i)), i == count - 1);
          }
          mode = Mode.DONE;
          SseConnection current = connection;
          if (current != null) {
            current.end(); // already ended by the last event, unless there was no response
            complete();
          }
        }
        case DONE -> {}
      }
    }
  }

  /**
   * Continues this stream on a GET's connection: replays what followed {@code lastEventId}, then
   * writes there live until the response; ends at once if the response was already stored.
   *
   * @return {@code false} (and nothing was written) if the store cannot resume from that id
   */
  boolean resume(SseConnection next, EventId lastEventId) {
    try (StreamLock ignored = lock.lock()) {
      try {
        SessionStreams owner = streams;
        if (owner == null) {
          return false;
        }
        int replayed = owner.replayAfter(lastEventId, next);
        if (replayed == EventStore.NOT_REPLAYABLE) {
          return false;
        }
        if (mode == Mode.DONE) {
          next.end();
          complete();
          return true;
        }
        SseConnection previous = connection;
        if (previous != null && previous != next) {
          previous.end(); // the client moved on; one connection per stream
        }
        connection = next;
        if (replayed == 0) {
          next.write(
              ByteBuffer.allocate(0), false); // send the headers now, not with the first event
        }
        return true;
      } catch (IOException | UncheckedIOException e) {
        next.abandon(); // the resuming client went away; the stream waits for the next resumption
        return true;
      }
    }
  }

  /**
   * Ends a resumed connection (session closed, server stopping); the POST's own one finishes by
   * itself.
   */
  void endResumed() {
    try (StreamLock ignored = lock.lock()) {
      SseConnection current = connection;
      if (current != null && current != own) {
        current.end();
        connection = null;
      }
    }
  }

  /**
   * Waits until the POST's own SSE response, if it has one, wrote its end (or failed), so that the
   * exchange completes with no write pending; bounded by the connection's idle timeout, which fails
   * a write its client does not read. Called on the request thread after {@link #finish}.
   *
   * @throws InterruptedException if interrupted
   */
  void awaitOwnEnd() throws InterruptedException {
    SseConnection mine;
    try (StreamLock ignored = lock.lock()) {
      mine = own;
    }
    if (mine != null) {
      mine.awaitEnd();
    }
  }

  /**
   * Returns why writing the POST's own response failed (typically the client went away).
   *
   * @return the failure, or {@code null}
   */
  @Nullable IOException failure() {
    try (StreamLock ignored = lock.lock()) {
      return failure;
    }
  }

  /**
   * PENDING -> STREAMING: starts SSE on the POST's response, primed when the session's version says
   * so.
   */
  private void startStream(@Nullable SessionStreams found) {
    mode = Mode.STREAMING;
    SseConnection mine = new SseConnection(response, limits, abortExchange);
    own = mine;
    connection = mine;
    streamOpened.run();
    mine.whenEnded(streamClosed);
    mine.onBroken(why -> broken(mine, why));
    if (found != null) {
      streams = found;
      streamId = found.register(this);
      if (found.primes()) {
        if (http1) {
          // The stream may be closed early (polling) while the call still runs on this exchange;
          // Jetty reads the connection's next request only after the exchange's handler returned,
          // so a client reusing the connection (for its resumption GET) would wait for the call.
          // HTTP/2 multiplexes and needs nothing.
          response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        EventId id = found.events().append(found.session().id(), streamId, "");
        write(SseWriter.priming(id, found.retryMillis()), false);
      }
    }
  }

  /** Appends an event to the store (if the stream has a session) and writes it where connected. */
  private void emit(byte[] json, boolean last) {
    SessionStreams owner = streams;
    StreamId id = streamId;
    EventId eventId =
        owner == null || id == null
            ? null
            : owner
                .events()
                .append(
                    owner.session().id(),
                    id,
                    new String(json, java.nio.charset.StandardCharsets.UTF_8));
    write(SseWriter.message(eventId, json), last);
  }

  private void write(ByteBuffer event, boolean last) {
    SseConnection current = connection;
    if (current == null) {
      return; // stored only; a resumption delivers it
    }
    try {
      current.write(event, last);
    } catch (IOException e) {
      detach(current, e);
    }
  }

  @Override
  public StreamLock lock() {
    return lock;
  }

  @Override
  public @Nullable SseConnection connection() {
    return connection; // guarded by lock: the keep-alive calls this holding it
  }

  @Override
  public void detach(SseConnection current, IOException e) {
    LOG.debug("SSE connection broke; the stream waits for a resumption", e);
    current.abandon();
    connection = null;
    if (current == own) {
      failure = e;
      Runnable action = onClientClose;
      onClientClose = null;
      if (action != null) {
        action.run(); // cancels a sessionless request: only sets state and interrupts, never blocks
      }
    }
  }

  /** A queued write of the POST's own connection failed later: as if the write had thrown. */
  private void broken(SseConnection mine, IOException why) {
    try (StreamLock ignored = lock.lock()) {
      if (connection == mine && mode != Mode.DONE) {
        detach(mine, why);
      }
    }
  }

  /** The response reached a live connection: the stream is over and its events can go. */
  private void complete() {
    SessionStreams owner = streams;
    StreamId id = streamId;
    if (owner != null && id != null) {
      owner.completed(id, this);
    }
  }

  private void fail(IOException e) {
    LOG.debug("writing the answer failed", e);
    failure = e;
  }
}
