package dev.mcpkit.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Opens sessions the way a client does (POST {@code initialize}, read {@code Mcp-Session-Id} and
 * the chosen version, POST {@code notifications/initialized}) and ends them with DELETE, one at a
 * time or many with a bounded number in flight.
 */
final class Sessions {
  private Sessions() {}

  /** Opens one session; fails the future if the server answers anything unexpected. */
  static CompletableFuture<OpenSession> open(UserConnection connection) {
    return connection
        .post(null, null, McpMessages.INITIALIZE)
        .thenCompose(
            response -> {
              String id = response.sessionId();
              if (response.status() != 200 || id == null) {
                throw new IllegalStateException(
                    "initialize answered "
                        + response.status()
                        + ", session id "
                        + id
                        + ": "
                        + response.body());
              }
              JsonNode answer = McpMessages.message(response);
              String version = answer.path("result").path("protocolVersion").asString("");
              if (version.isEmpty()) {
                throw new IllegalStateException(
                    "initialize result has no protocolVersion: " + answer);
              }
              OpenSession session = new OpenSession(id, version);
              return connection
                  .post(id, version, McpMessages.INITIALIZED)
                  .thenApply(
                      ack -> {
                        if (ack.status() != 202) {
                          throw new IllegalStateException(
                              "notifications/initialized answered " + ack.status());
                        }
                        return session;
                      });
            });
  }

  /** Ends one session; fails the future unless the server answers 200 or 204. */
  static CompletableFuture<Void> close(UserConnection connection, OpenSession session) {
    return connection
        .delete(session.id(), session.version())
        .thenAccept(
            response -> {
              int status = response.status();
              if (status != 200 && status != 204) {
                throw new IllegalStateException("DELETE answered " + status);
              }
            });
  }

  /**
   * Opens {@code count} sessions with at most {@code inFlight} handshakes at once.
   *
   * @throws IllegalStateException naming the first failure if any handshake failed
   */
  static List<OpenSession> openMany(LoadClient client, Endpoint endpoint, int count, int inFlight)
      throws InterruptedException {
    ConcurrentLinkedQueue<OpenSession> opened = new ConcurrentLinkedQueue<>();
    UserConnection connection = client.to(endpoint);
    forEachBounded(count, inFlight, i -> open(connection).thenAccept(opened::add));
    return new ArrayList<>(opened);
  }

  /** DELETEs every session with at most {@code inFlight} at once. */
  static void closeMany(
      LoadClient client, Endpoint endpoint, List<OpenSession> sessions, int inFlight)
      throws InterruptedException {
    List<OpenSession> list = Collections.unmodifiableList(sessions);
    UserConnection connection = client.to(endpoint);
    forEachBounded(list.size(), inFlight, i -> close(connection, list.get(i)));
  }

  private interface Step {
    CompletableFuture<?> run(int index);
  }

  private static void forEachBounded(int count, int inFlight, Step step)
      throws InterruptedException {
    Semaphore permits = new Semaphore(inFlight);
    AtomicReference<@Nullable Throwable> firstFailure = new AtomicReference<>();
    for (int i = 0; i < count && firstFailure.get() == null; i++) {
      permits.acquire();
      CompletableFuture<?> future;
      try {
        future = step.run(i);
      } catch (RuntimeException e) {
        permits.release();
        firstFailure.compareAndSet(null, e);
        break;
      }
      future.whenComplete(
          (ignored, failure) -> {
            if (failure != null) {
              firstFailure.compareAndSet(
                  null,
                  failure instanceof CompletionException c && c.getCause() != null
                      ? c.getCause()
                      : failure);
            }
            permits.release();
          });
    }
    permits.acquire(inFlight);
    permits.release(inFlight);
    Throwable failure = firstFailure.get();
    if (failure != null) {
      throw new IllegalStateException("session handshake failed: " + failure.getMessage(), failure);
    }
  }
}
