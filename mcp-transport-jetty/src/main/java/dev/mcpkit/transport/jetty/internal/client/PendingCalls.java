package dev.mcpkit.transport.jetty.internal.client;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.jsonrpc.RequestId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The calls waiting for their answers, by request id: the caller registers its call and waits on
 * it; whichever thread reads the answer (the POST's reader, the GET stream) completes it.
 *
 * <p>Thread-safety: thread-safe; a concurrent map of calls whose futures complete at most once.
 */
final class PendingCalls {
  /** A call waiting for its answer. */
  record Pending(CompletableFuture<JsonNode> answer, @Nullable ProgressListener progress) {}

  private final ConcurrentHashMap<RequestId, Pending> pending = new ConcurrentHashMap<>();

  /** Registers a new call under {@code id}. */
  Pending register(RequestId id, @Nullable ProgressListener progress) {
    Pending call = new Pending(new CompletableFuture<>(), progress);
    pending.put(id, call);
    return call;
  }

  /** The call waiting under {@code id}, if any. */
  @Nullable Pending get(RequestId id) {
    return pending.get(id);
  }

  void remove(RequestId id) {
    pending.remove(id);
  }

  /** Fails every call still waiting (the client was closed). */
  void failAll(String reason) {
    pending
        .values()
        .forEach(p -> p.answer().completeExceptionally(new McpClientException(reason, null)));
  }
}
