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
import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.server.LogLevel;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.CallCancellation;
import dev.mcpkit.session.internal.protocol.ClientExchange;
import dev.mcpkit.session.internal.protocol.LogLevels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session-based revisions' part of a handler's context: the session's log level ({@code
 * logging/setLevel}) and capabilities (declared at {@code initialize}), and requests to the client
 * sent on the call's stream, answered by the client's POSTed response ({@link PendingRequests}),
 * waited for on the handler's thread. A non-blocking tool cannot wait, so it cannot ask; a
 * resource, prompt or completion handler cannot ask either. The call's SSE stream is resumable.
 *
 * <p>Thread-safe: its fields are final, and {@link PendingRequests} and the sink are thread-safe.
 */
final class SessionExchange implements ClientExchange {
  private final Session session;
  private final MessageSink sink;
  private final PendingRequests pending;
  private final boolean nonBlocking;

  /**
   * @param session the request's session
   * @param sink where requests to the client go (the call's stream)
   * @param pending the engine's requests waiting for answers
   * @param nonBlocking whether the handler is a non-blocking tool, which must not wait
   */
  SessionExchange(Session session, MessageSink sink, PendingRequests pending, boolean nonBlocking) {
    this.session = requireNonNull(session, "session");
    this.sink = requireNonNull(sink, "sink");
    this.pending = requireNonNull(pending, "pending");
    this.nonBlocking = nonBlocking;
  }

  @Override
  public Session session() {
    return session;
  }

  @Override
  public boolean logs(LogLevel level) {
    return LogLevels.enabled(session, level);
  }

  @Override
  public JsonNode clientCapabilities() {
    return session.clientCapabilities();
  }

  @Override
  public boolean resumableStreams() {
    return true;
  }

  @Override
  public JsonNode request(
      String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    requireNonNull(timeout, "timeout");
    if (nonBlocking) {
      throw new IllegalStateException(
          "a non-blocking tool cannot send "
              + method
              + " to the client: waiting for the answer would block; declare the tool blocking");
    }
    McpMethod known = McpMethod.of(method);
    String capability = known == null ? null : known.clientCapability();
    if (capability != null && !session.clientCapabilities().has(capability)) {
      throw new IllegalStateException(
          "the client did not declare the '" + capability + "' capability needed for " + method);
    }
    if (!call.isRunning()) {
      throw new IllegalStateException(
          "the tool call is " + call.state() + "; it can no longer send requests");
    }
    RequestId id = pending.nextId();
    InFlightKey key = new InFlightKey(session.id(), id);
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

  /** A session has no rounds: the key only names the request, which is sent and waited for. */
  @Override
  public JsonNode input(
      String key, String method, @Nullable JsonNode params, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    return request(method, params, timeout, call);
  }

  /** One request after the other on the call's stream. */
  @Override
  public Map<String, JsonNode> inputs(
      Map<String, InputRequest> requests, Duration timeout, CallCancellation call)
      throws InterruptedException, TimeoutException {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (Map.Entry<String, InputRequest> entry : requests.entrySet()) {
      InputRequest request = entry.getValue();
      answers.put(
          entry.getKey(), input(entry.getKey(), request.method(), request.params(), timeout, call));
    }
    return answers;
  }

  @Override
  public JsonNode input(String key, String method, @Nullable JsonNode params) {
    throw new IllegalStateException(
        "only sessionless (2026-07-28) requests can ask the client for input here");
  }
}
