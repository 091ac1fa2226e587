package dev.mcpkit.benchmarks.e2e;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What one load user sends its Streamable HTTP requests through, bound to one server's endpoint.
 * Implementations either answer asynchronously (the Jetty client) or block the calling thread and
 * return a completed future (the raw HTTP/1.1 connection); {@link ClosedLoop} handles both.
 *
 * <p>A user calls it from one thread at a time.
 */
interface UserConnection {
  /**
   * POSTs a JSON-RPC message; {@code sessionId} and {@code version} are null for {@code
   * initialize}.
   */
  CompletableFuture<Answer> post(@Nullable String sessionId, @Nullable String version, byte[] body);

  /** DELETEs a session. */
  CompletableFuture<Answer> delete(String sessionId, String version);
}
