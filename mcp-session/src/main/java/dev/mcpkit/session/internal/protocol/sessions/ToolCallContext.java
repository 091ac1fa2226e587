package dev.mcpkit.session.internal.protocol.sessions;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.server.ClientErrorException;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.server.ToolContext;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.CallCancellation;
import dev.mcpkit.session.internal.protocol.LogLevels;
import dev.mcpkit.session.internal.protocol.ProgressNotifications;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * <p>Thread-safe. The transitions are {@link CallCancellation}'s, run under its lock so that an
 * interrupt meant for the handler can never land on the request thread after the call is done (the
 * thread goes on to write the response, and a stray interrupt would break that write).
 */
final class ToolCallContext implements ToolContext {

  private final @Nullable Session session;
  private final RequestId requestId;
  private final @Nullable JsonNode progressToken;
  private final MessageSink sink;
  private final String loggerName;
  private final CallCancellation call;
  private final PendingRequests pending;
  private final boolean nonBlocking;

  ToolCallContext(
      @Nullable Session session,
      RequestId requestId,
      @Nullable JsonNode progressToken,
      MessageSink sink,
      String loggerName,
      Thread thread,
      PendingRequests pending,
      boolean nonBlocking) {
    this.session = session;
    this.requestId = requireNonNull(requestId, "requestId");
    this.progressToken = progressToken;
    this.sink = requireNonNull(sink, "sink");
    this.loggerName = requireNonNull(loggerName, "loggerName");
    this.call = new CallCancellation(nonBlocking ? null : thread);
    this.pending = requireNonNull(pending, "pending");
    this.nonBlocking = nonBlocking;
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
    if (token == null || !call.isRunning()) {
      return;
    }
    sink.send(ProgressNotifications.of(token, progress, total, message));
  }

  @Override
  public void log(LogLevel level, String message) {
    requireNonNull(level, "level");
    requireNonNull(message, "message");
    if (!call.isRunning() || !LogLevels.enabled(session, level)) {
      return;
    }
    sink.send(LogLevels.message(level, loggerName, message));
  }

  @Override
  public JsonNode request(String method, @Nullable JsonNode params, Duration timeout)
      throws InterruptedException, TimeoutException {
    requireNonNull(method, "method");
    requireNonNull(timeout, "timeout");
    if (nonBlocking) {
      throw new IllegalStateException(
          "a non-blocking tool cannot send "
              + method
              + " to the client: waiting for the answer would block; declare the tool blocking");
    }
    Session current = session;
    if (current == null) {
      throw new IllegalStateException("requests to the client need a session");
    }
    McpMethod known = McpMethod.of(method);
    String capability = known == null ? null : known.clientCapability();
    if (capability != null && !current.clientCapabilities().has(capability)) {
      throw new IllegalStateException(
          "the client did not declare the '" + capability + "' capability needed for " + method);
    }
    if (!call.isRunning()) {
      throw new IllegalStateException(
          "the tool call is " + call.state() + "; it can no longer send requests");
    }
    RequestId id = pending.nextId();
    InFlightKey key = new InFlightKey(current.id(), id);
    CompletableFuture<JsonRpcMessage> answer = pending.register(key);
    try {
      sink.send(new JsonRpcRequest(id, method, params));
      JsonRpcMessage response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return switch (response) {
        case JsonRpcResponse result -> result.result();
        case JsonRpcErrorResponse error -> throw new ClientErrorException(method, error.error());
        case JsonRpcRequest r -> throw new IllegalStateException("not a response: " + r);
        case JsonRpcNotification n -> throw new IllegalStateException("not a response: " + n);
      };
    } catch (TimeoutException e) {
      ObjectNode cancel = JsonRpcCodecs.nodes().objectNode();
      cancel.put("requestId", id.toString());
      cancel.put("reason", "timed out after " + timeout);
      sink.send(new JsonRpcNotification(McpMethod.NOTIFICATIONS_CANCELLED.wireName(), cancel));
      throw new TimeoutException("the client did not answer " + method + " within " + timeout);
    } catch (ExecutionException e) {
      throw new IllegalStateException("unreachable: answers complete normally", e);
    } finally {
      pending.remove(key, answer);
    }
  }

  @Override
  public void closeStream() {
    if (call.isRunning()) {
      sink.closeStream();
    }
  }

  @Override
  public boolean isCancelled() {
    return call.isCancelled();
  }

  /** Cancels the call and interrupts its thread, unless it already finished. */
  void cancel() {
    call.cancel();
  }

  /**
   * Ends the call; no interrupt reaches the thread afterwards.
   *
   * @return {@code true} if the call was cancelled, so it gets no response
   */
  boolean finish() {
    return call.finish();
  }
}
