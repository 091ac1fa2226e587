package dev.mcpkit.benchmarks.e2e;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The operations the load users repeat. */
final class Operations {
  private Operations() {}

  /** {@code tools/call echo} in one session, with increasing request ids. */
  static ClosedLoop.Operation toolsCall(LoadClient client, URI endpoint, OpenSession session) {
    return new ClosedLoop.Operation() {
      private long nextId = 1;

      @Override
      public CompletableFuture<Boolean> next() {
        return client.post(endpoint, session.id(), session.version(), McpMessages.toolsCall(nextId++))
            .thenApply(McpMessages::isEchoAnswer);
      }
    };
  }

  /** Session churn: {@code initialize}, then DELETE of the session it created. */
  static ClosedLoop.Operation churn(LoadClient client, URI endpoint) {
    return () -> client.post(endpoint, null, null, McpMessages.INITIALIZE).thenCompose(response -> {
      String id = response.getHeaders().get(LoadClient.SESSION_HEADER);
      if (response.getStatus() != 200 || id == null) {
        return CompletableFuture.completedFuture(false);
      }
      String version = McpMessages.message(response).path("result").path("protocolVersion").asString("");
      return client.delete(endpoint, id, version).thenApply(deleted -> deleted.getStatus() == 200 || deleted.getStatus() == 204);
    });
  }
}
