package dev.mcpkit.api.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link TaskStore} keeps of one task: everything a node needs to answer {@code tasks/get},
 * {@code tasks/update} and {@code tasks/cancel} for it, whichever node runs it. Immutable; the
 * engine replaces a record with a changed copy through {@link TaskStore#update}.
 *
 * @param taskId the task's id: unguessable, unique across the store
 * @param owner the name of the principal that created it, or {@code null} for an anonymous caller;
 *     only the same principal may see or touch the task
 * @param node the id of the node whose engine runs the handler
 * @param status the current status
 * @param statusMessage a human-readable note on the status, or {@code null}
 * @param createdAt when the task was created
 * @param lastUpdatedAt when its status, input requests or result last changed
 * @param ttl how long the task is kept once it reached a terminal status
 * @param pollInterval how often the engine suggests clients poll
 * @param result the tool's result ({@code CallToolResult} JSON) once {@link TaskStatus#COMPLETED},
 *     {@code null} otherwise
 * @param error the JSON-RPC error object ({@code code}, {@code message}, optional {@code data})
 *     once {@link TaskStatus#FAILED}, {@code null} otherwise
 * @param inputRequests the requests to the client still unanswered, by key ({@code method} and
 *     {@code params} each); non-empty exactly when {@link TaskStatus#INPUT_REQUIRED}
 * @param inputResponses the client's answers delivered by {@code tasks/update} that the handler has
 *     not taken yet, by key
 */
public record TaskRecord(
    String taskId,
    @Nullable String owner,
    String node,
    TaskStatus status,
    @Nullable String statusMessage,
    Instant createdAt,
    Instant lastUpdatedAt,
    Duration ttl,
    Duration pollInterval,
    @Nullable JsonNode result,
    @Nullable JsonNode error,
    Map<String, JsonNode> inputRequests,
    Map<String, JsonNode> inputResponses) {

  /** Validates the fields and copies the maps (keeping their order). */
  public TaskRecord {
    requireNonNull(taskId, "taskId");
    requireNonNull(node, "node");
    requireNonNull(status, "status");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(lastUpdatedAt, "lastUpdatedAt");
    requireNonNull(ttl, "ttl");
    requireNonNull(pollInterval, "pollInterval");
    if (ttl.isNegative() || ttl.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException(
          "ttl and pollInterval must be positive, were " + ttl + " and " + pollInterval);
    }
    inputRequests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputRequests));
    inputResponses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputResponses));
    if ((status == TaskStatus.COMPLETED) != (result != null)) {
      throw new IllegalArgumentException(
          "a result exists exactly when completed, status " + status);
    }
    if ((status == TaskStatus.FAILED) != (error != null)) {
      throw new IllegalArgumentException("an error exists exactly when failed, status " + status);
    }
  }

  /**
   * Creates the record of a task that starts working now.
   *
   * @param taskId the task's id
   * @param owner the creating principal's name, or {@code null}
   * @param node the id of the node that runs it
   * @param now the creation time
   * @param ttl how long it is kept once finished
   * @param pollInterval the suggested poll interval
   * @return a {@link TaskStatus#WORKING} record
   */
  public static TaskRecord working(
      String taskId,
      @Nullable String owner,
      String node,
      Instant now,
      Duration ttl,
      Duration pollInterval) {
    return new TaskRecord(
        taskId,
        owner,
        node,
        TaskStatus.WORKING,
        null,
        now,
        now,
        ttl,
        pollInterval,
        null,
        null,
        Map.of(),
        Map.of());
  }

  /**
   * When a store may forget this task.
   *
   * @return {@code lastUpdatedAt + ttl} for a terminal task; {@code null} while it is live (a live
   *     task is never expired: it ends first, by completing, failing or being cancelled)
   */
  public @Nullable Instant expiresAt() {
    return status.isTerminal() ? lastUpdatedAt.plus(ttl) : null;
  }

  /**
   * Returns this record ended with {@code status}, unless it already ended: terminal statuses are
   * final, so the first of a completion, a failure and a cancellation wins.
   *
   * @param status the terminal status
   * @param result the result for {@link TaskStatus#COMPLETED}, else {@code null}
   * @param error the error for {@link TaskStatus#FAILED}, else {@code null}
   * @param message a status message, or {@code null}
   * @param now the time of the change
   * @return the ended record, or this one if it had already ended
   */
  public TaskRecord end(
      TaskStatus status,
      @Nullable JsonNode result,
      @Nullable JsonNode error,
      @Nullable String message,
      Instant now) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("not a terminal status: " + status);
    }
    if (this.status.isTerminal()) {
      return this;
    }
    return new TaskRecord(
        taskId,
        owner,
        node,
        status,
        message,
        createdAt,
        now,
        ttl,
        pollInterval,
        result,
        error,
        Map.of(),
        Map.of());
  }

  /**
   * Returns this record with other pending input requests and delivered answers; its status becomes
   * {@link TaskStatus#INPUT_REQUIRED} when requests remain and {@link TaskStatus#WORKING} when none
   * do. A terminal record is returned unchanged.
   *
   * @param requests the requests still unanswered, by key
   * @param responses the answers not yet taken by the handler, by key
   * @param now the time of the change
   * @return the changed record
   */
  public TaskRecord withInput(
      Map<String, JsonNode> requests, Map<String, JsonNode> responses, Instant now) {
    if (status.isTerminal()) {
      return this;
    }
    return new TaskRecord(
        taskId,
        owner,
        node,
        requests.isEmpty() ? TaskStatus.WORKING : TaskStatus.INPUT_REQUIRED,
        statusMessage,
        createdAt,
        now,
        ttl,
        pollInterval,
        null,
        null,
        requests,
        responses);
  }
}
