package dev.mcpkit.transport.stdio.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.Rejection;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an engine on one input and one output stream: the stdio transport's one implicit session.
 *
 * <p>One thread (the caller of {@link #run()}) reads lines; {@code initialize}, notifications,
 * client responses and requests the engine serves without blocking are posted on it, in order, so
 * the session exists before the next line is read and an answer to a server request is routed while
 * the tool that asked waits; other requests run on virtual threads of their own, like the HTTP
 * transport's blocking requests. Every message goes out through one {@link LineWriter}. The engine
 * knows sessions by id; the transport has none on the wire, so it keeps the id {@code initialize}
 * created and names it on every later message.
 *
 * <p>At the end of the input, requests in flight get {@code drainTimeout} to finish; then the
 * session is ended (the engine cancels what still runs) and the loop returns.
 *
 * <p>Thread-safety: {@link #run()} is called once; {@link #stop()} from any thread.
 */
public final class ServerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLoop.class);

  private final TransportEngine engine;
  private final LineReader reader;
  private final LineWriter writer;
  private final int maxLineBytes;
  private final Duration drainTimeout;
  private final Duration keepAlive;
  private final ExecutorService requests =
      Executors.newThreadPerTaskExecutor(
          Thread.ofVirtual().name("mcp-stdio-request-", 0).factory());
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean running = new AtomicBoolean();
  private final InputStream in;

  /**
   * The session {@code initialize} created; written by the reading thread only, read by request
   * threads and the engine's outbound calls (volatile: they must see it once it is set).
   */
  private volatile @Nullable SessionId session;

  /** Whether messages may still be written: false once the loop ended. */
  private volatile boolean open = true;

  /**
   * Creates the loop.
   *
   * @param engine the engine to serve
   * @param in where messages come from
   * @param out where messages go
   * @param maxLineBytes the longest line accepted
   * @param drainTimeout how long requests in flight may run on after the end of the input
   * @param keepAlive how often the session is touched so that it does not expire while the client
   *     is quiet (the process's life is the session's)
   */
  public ServerLoop(
      TransportEngine engine,
      InputStream in,
      OutputStream out,
      int maxLineBytes,
      Duration drainTimeout,
      Duration keepAlive) {
    this.engine = requireNonNull(engine, "engine");
    this.in = requireNonNull(in, "in");
    this.reader = new LineReader(in, maxLineBytes);
    this.writer = new LineWriter(out, engine.codec());
    this.maxLineBytes = maxLineBytes;
    this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
    this.keepAlive = requireNonNull(keepAlive, "keepAlive");
  }

  /**
   * Serves until the end of the input (or {@link #stop()}), then ends the session.
   *
   * @throws IllegalStateException if called twice
   */
  public void run() {
    if (!running.compareAndSet(false, true)) {
      throw new IllegalStateException("the stdio server already ran");
    }
    engine.attachOutbound(this::sendOutbound);
    Thread keeper = Thread.ofVirtual().name("mcp-stdio-keep-alive").start(this::keepSessionAlive);
    try {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.oversize()) {
          LOG.debug("skipping a line longer than {} bytes", maxLineBytes);
          // Answered with the request's id when its first bytes hold one, so that the client's
          // call fails at once; a response or notification of the client gets the id-less error.
          MessagePrefix prefix = MessagePrefix.of(line.bytes(), line.length());
          write(
              new JsonRpcErrorResponse(
                  prefix.kind() == MessagePrefix.Kind.REQUEST ? prefix.id() : null,
                  JsonRpcError.of(
                      JsonRpcError.INVALID_REQUEST,
                      "Invalid Request: the message exceeds " + maxLineBytes + " bytes")));
          continue;
        }
        switch (engine.codec().parse(line.bytes(), 0, line.length())) {
          case ParsedBody.Malformed malformed -> {
            LOG.debug("malformed line: {}", malformed.error().message());
            write(new JsonRpcErrorResponse(null, malformed.error()));
          }
          case ParsedBody.Messages messages -> dispatch(messages);
        }
      }
    } catch (IOException e) {
      if (open) {
        LOG.debug("reading the input failed; ending the session", e);
      }
    } finally {
      finish();
      keeper.interrupt();
    }
  }

  /** Stops reading: closes the input, so that {@link #run()} ends as at its end. Idempotent. */
  public void stop() {
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing the input failed", e);
    }
  }

  /**
   * Waits until {@link #run()} finished ending the session.
   *
   * @param timeout how long to wait
   * @return whether it finished in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void dispatch(ParsedBody.Messages messages) {
    IncomingMessages incoming =
        new IncomingMessages(messages.messages(), messages.batch(), sessionValue(), null, null);
    if (!hasRequest(messages.messages())
        || isInitialize(messages.messages())
        || engine.invocationType(incoming).isNonBlocking()) {
      serve(incoming);
    } else {
      requests.execute(() -> serve(incoming));
    }
  }

  private void serve(IncomingMessages incoming) {
    Outcome outcome;
    try {
      outcome = engine.post(incoming, sink);
    } catch (RuntimeException e) {
      LOG.warn("the engine failed on a message", e);
      outcome =
          new Outcome.Rejected(
              Rejection.INVALID_MESSAGE,
              JsonRpcError.of(JsonRpcError.INTERNAL_ERROR, "Internal error"),
              null,
              null,
              Set.of());
    }
    switch (outcome) {
      case Outcome.Accepted accepted -> {}
      case Outcome.Answered answered -> {
        if (answered.newSession() != null) {
          session = answered.newSession();
        }
        if (answered.responses().isEmpty()) {
          return;
        }
        if (answered.batch()) {
          writeBatch(answered.responses());
        } else {
          answered.responses().forEach(this::write);
        }
      }
      case Outcome.Rejected rejected -> {
        RequestId id = rejected.id() != null ? rejected.id() : onlyRequestId(incoming);
        if (hasRequest(incoming.messages())) {
          write(new JsonRpcErrorResponse(id, rejected.error()));
        } else {
          LOG.debug("refused a notification or response: {}", rejected.error().message());
        }
      }
    }
  }

  /** What the engine sends while it serves a request: written as lines like everything else. */
  private final MessageSink sink =
      new MessageSink() {
        @Override
        public void send(JsonRpcMessage message) {
          write(message);
        }

        @Override
        public boolean isOpen() {
          return open && !writer.isBroken();
        }
      };

  private boolean sendOutbound(Session target, JsonRpcMessage message) {
    SessionId current = session;
    if (current == null || !current.equals(target.id()) || !open) {
      return false;
    }
    return write(message);
  }

  private boolean write(JsonRpcMessage message) {
    if (!open) {
      return false;
    }
    try {
      writer.write(message);
      return true;
    } catch (IOException e) {
      LOG.debug("writing to the output failed", e);
      return false;
    }
  }

  private void writeBatch(List<JsonRpcMessage> messages) {
    try {
      writer.writeBatch(messages);
    } catch (IOException e) {
      LOG.debug("writing to the output failed", e);
    }
  }

  private void keepSessionAlive() {
    try {
      while (!stopped.await(keepAlive.toMillis(), TimeUnit.MILLISECONDS)) {
        String id = sessionValue();
        if (id != null) {
          engine.session(id, null); // counts as activity
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the loop ended
    } catch (RuntimeException e) {
      LOG.debug("touching the session failed", e);
    }
  }

  /** Lets requests in flight finish within the drain timeout, then ends the session. */
  private void finish() {
    requests.shutdown();
    boolean interrupted = false;
    try {
      if (!requests.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("requests still running after {}; cancelling them", drainTimeout);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    String id = sessionValue();
    if (id != null) {
      try {
        engine.delete(id, null); // cancels the calls still running
      } catch (RuntimeException e) {
        LOG.debug("ending the session failed", e);
      }
    }
    requests.shutdownNow();
    try {
      if (!interrupted
          && !requests.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("requests ignored cancellation for {}", drainTimeout);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    open = false;
    writer.close();
    stopped.countDown();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private @Nullable String sessionValue() {
    SessionId current = session;
    return current == null ? null : current.value();
  }

  private static boolean hasRequest(List<JsonRpcMessage> messages) {
    for (JsonRpcMessage message : messages) {
      if (message instanceof JsonRpcRequest) {
        return true;
      }
    }
    return false;
  }

  private static boolean isInitialize(List<JsonRpcMessage> messages) {
    return messages.size() == 1
        && messages.get(0) instanceof JsonRpcRequest request
        && McpMethod.INITIALIZE.wireName().equals(request.method());
  }

  private static @Nullable RequestId onlyRequestId(IncomingMessages incoming) {
    return incoming.messages().size() == 1 && incoming.messages().get(0) instanceof JsonRpcRequest r
        ? r.id()
        : null;
  }
}
