package dev.mcpkit.session.internal.protocol.sessions;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests the server sent to clients and the answers it waits for, keyed by session and request id
 * (clients answer by POSTing a response with the same id). Thread-safe: a concurrent map and an
 * atomic id counter.
 */
final class PendingRequests {
  private final ConcurrentHashMap<InFlightKey, CompletableFuture<JsonRpcMessage>> pending =
      new ConcurrentHashMap<>();
  // A plain counter suffices: ids need only be unique among one session's requests in flight.
  private final AtomicLong ids = new AtomicLong();

  /** Returns an id for a new server-to-client request. */
  RequestId nextId() {
    return RequestId.of("mcpkit-" + ids.incrementAndGet());
  }

  /** Starts waiting for the answer to a request. */
  CompletableFuture<JsonRpcMessage> register(InFlightKey key) {
    CompletableFuture<JsonRpcMessage> answer = new CompletableFuture<>();
    pending.put(key, answer);
    return answer;
  }

  /** Stops waiting (timeout, interrupt, or done). */
  void remove(InFlightKey key, CompletableFuture<JsonRpcMessage> answer) {
    pending.remove(key, answer);
  }

  /**
   * Hands a client's response to whoever waits for it.
   *
   * @return {@code false} if nobody waits for that id (unknown, late or from another session)
   */
  boolean complete(SessionId sessionId, RequestId requestId, JsonRpcMessage response) {
    CompletableFuture<JsonRpcMessage> answer =
        pending.remove(new InFlightKey(sessionId, requestId));
    return answer != null && answer.complete(response);
  }
}
