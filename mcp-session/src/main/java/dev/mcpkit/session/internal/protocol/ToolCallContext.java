package dev.mcpkit.session.internal.protocol;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.MessageSink;
import dev.mcpkit.api.server.ToolContext;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The context of one tool call, and its cancellation state machine:
 *
 * <pre>
 *   RUNNING -&gt; CANCELLED   (notifications/cancelled; the handler's thread is interrupted)
 *   RUNNING -&gt; DONE        (the handler returned)
 * </pre>
 *
 * <p>Thread-safe. The transitions run under a lock so that an interrupt meant for the handler can
 * never land on the request thread after the call is done (the thread goes on to write the
 * response, and a stray interrupt would break that write).
 */
final class ToolCallContext implements ToolContext {
  private enum State { RUNNING, CANCELLED, DONE }

  private final @Nullable Session session;
  private final RequestId requestId;
  private final @Nullable JsonNode progressToken;
  private final MessageSink sink;
  private final String loggerName;
  private final Thread thread;
  private final ReentrantLock lock = new ReentrantLock();
  // Written under the lock; read without it by isCancelled(), hence volatile.
  private volatile State state = State.RUNNING;

  ToolCallContext(
      @Nullable Session session,
      RequestId requestId,
      @Nullable JsonNode progressToken,
      MessageSink sink,
      String loggerName,
      Thread thread) {
    this.session = session;
    this.requestId = requireNonNull(requestId, "requestId");
    this.progressToken = progressToken;
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
    this.thread = requireNonNull(thread, "thread");
  }

  @Override
  public @Nullable Session session() {
    return session;
  }

  @Override
  public RequestId requestId() {
    return requestId;
  }

  @Override
  public boolean wantsProgress() {
    return progressToken != null;
  }

  @Override
  public void progress(double progress, @Nullable Double total, @Nullable String message) {
    JsonNode token = progressToken;
    if (token == null || state != State.RUNNING) {
      return;
    }
    ObjectNode params = JacksonJsonRpcCodec.NODES.objectNode();
    params.set("progressToken", token);
    params.put("progress", progress);
    if (total != null) {
      params.put("total", total);
    }
    if (message != null) {
      params.put("message", message);
    }
    sink.send(new JsonRpcNotification("notifications/progress", params));
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    if (state != State.RUNNING || !LogLevels.enabled(session, level)) {
      return;
    }
    ObjectNode params = JacksonJsonRpcCodec.NODES.objectNode();
    params.put("level", level.wireName());
    params.put("logger", loggerName);
    params.put("data", message);
    sink.send(new JsonRpcNotification("notifications/message", params));
  }

  @Override
  public boolean isCancelled() {
    return state == State.CANCELLED;
  }

  /** Cancels the call and interrupts its thread, unless it already finished. */
  void cancel() {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.CANCELLED;
        thread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends the call; no interrupt reaches the thread afterwards.
   *
   * @return {@code true} if the call was cancelled, so it gets no response
   */
  boolean finish() {
    lock.lock();
    try {
      if (state == State.RUNNING) {
        state = State.DONE;
        return false;
      }
      // The interrupt was aimed at this call's handler, which is over; the thread now serves the
      // transport again, so clearing the flag here is delivering it, not swallowing it.
      Thread.interrupted();
      return true;
    } finally {
      lock.unlock();
    }
  }
}
