package dev.mcpkit.session.internal.tasks;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.server.InputRequest;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.api.spi.TaskStore;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.AutoLock;
import dev.mcpkit.session.internal.protocol.ToolCallContext;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One task's handler as the node running it sees it: whether the task exists yet, and the waits of
 * the handler (for its input) and of the request that started it (for the hand-out).
 *
 * <pre>
 *   STARTING -&gt; PUBLISHED   (hand-out delay passed, continueAsTask(), or the handler ended:
 *                             the record is created in the store, the client gets the task id)
 *   STARTING -&gt; ABANDONING  (the handler asked for input it lacks before the task existed)
 *   ABANDONING -&gt; ABANDONED (its requests are recorded: the call answers input_required, no task)
 *   STARTING -&gt; REFUSED     (the store is full: the call answers an error, the handler is cancelled)
 * </pre>
 *
 * <p><b>Thread-safety and correctness.</b> The phase is guarded by {@link #lock}; every transition
 * happens under it and signals {@link #changed}, and the only transitions out of {@code STARTING}
 * are the three above, each taken by whichever thread gets the lock first. Hence:
 *
 * <ul>
 *   <li>The client gets a task id only after {@link TaskStore#create} returned (publication happens
 *       under the lock before the phase becomes {@code PUBLISHED}, which is what the request thread
 *       waits for): a {@code tasks/get} right after the answer finds the task.
 *   <li>A handler's input request is either part of the call's multi round-trip (taken while {@code
 *       STARTING}) or parks the task (taken once {@code PUBLISHED}), never both: the decision and
 *       the publication exclude each other under the lock.
 *   <li>The terminal record is written once: a handler that ends while {@code STARTING} publishes
 *       its terminal record itself; once {@code PUBLISHED} it ends the stored record through {@link
 *       TaskRecord#end}, which keeps a record that a cancellation ended first. A cancellation is
 *       thus never overwritten by a late completion, and vice versa.
 *   <li>No lost wake-up for input: a waiting handler re-reads the store under the lock before each
 *       {@code await}, and the store's watcher ({@link #changed(TaskRecord)}) signals under the
 *       same lock after the change is stored, so a change made between the read and the wait is
 *       signalled once the waiter has released the lock in {@code await}.
 *   <li>An interrupt meant for the handler (cancellation) reaches only the handler: {@link
 *       ToolCallContext#cancel} is a no-op once the handler's {@link ToolCallContext#finish} ran,
 *       which happens before the terminal record is stored.
 * </ul>
 */
@SuppressWarnings("try") // try (AutoLock ignored = ...): the resource is the held lock
final class TaskRun {
  enum Phase {
    STARTING,
    PUBLISHED,
    ABANDONING,
    ABANDONED,
    REFUSED
  }

  /** How a handler ended: a terminal status with its result or error. */
  record Ending(
      TaskStatus status,
      @Nullable JsonNode result,
      @Nullable JsonNode error,
      @Nullable String message) {}

  private final String taskId;
  private final @Nullable String owner;
  private final String node;
  private final Duration ttl;
  private final Duration pollInterval;
  private final TaskStore store;
  private final InstantSource clock;
  private final AutoLock lock = new AutoLock();
  private final Condition changed = lock.newCondition();
  private Phase phase = Phase.STARTING; // guarded by lock
  private @Nullable TaskRecord created; // guarded by lock; set when PUBLISHED
  private @Nullable ToolCallContext context; // guarded by lock

  TaskRun(
      String taskId,
      @Nullable String owner,
      String node,
      Duration ttl,
      Duration pollInterval,
      TaskStore store,
      InstantSource clock) {
    this.taskId = requireNonNull(taskId, "taskId");
    this.owner = owner;
    this.node = requireNonNull(node, "node");
    this.ttl = requireNonNull(ttl, "ttl");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  String taskId() {
    return taskId;
  }

  /** The handler's context, set on the handler's thread before the handler runs. */
  void attach(ToolCallContext context) {
    try (AutoLock ignored = lock.lock()) {
      this.context = context;
      if (phase == Phase.REFUSED) {
        context.cancel();
      }
    }
  }

  /**
   * Creates the task in the store if it does not exist yet: working, or already ended.
   *
   * @param ending how the handler ended, or {@code null} while it runs
   */
  void publish(@Nullable Ending ending) {
    try (AutoLock ignored = lock.lock()) {
      if (phase != Phase.STARTING) {
        return;
      }
      TaskRecord record =
          TaskRecord.working(taskId, owner, node, clock.instant(), ttl, pollInterval);
      if (ending != null) {
        record =
            record.end(
                ending.status(),
                ending.result(),
                ending.error(),
                ending.message(),
                record.createdAt());
      }
      if (store.create(record)) {
        created = record;
        phase = Phase.PUBLISHED;
      } else {
        phase = Phase.REFUSED;
        ToolCallContext running = context;
        if (running != null) {
          running.cancel();
        }
      }
      changed.signalAll();
    }
  }

  /**
   * Waits until the task is handed out, or the handler asked for input before it: after {@code
   * delay}, publishes the task itself.
   *
   * @return {@link Phase#PUBLISHED}, {@link Phase#ABANDONED} or {@link Phase#REFUSED}
   */
  Phase awaitHandOut(Duration delay) throws InterruptedException {
    long remaining = delay.toNanos();
    try (AutoLock ignored = lock.lock()) {
      while (true) {
        switch (phase) {
          case PUBLISHED, ABANDONED, REFUSED -> {
            return phase;
          }
          case ABANDONING -> changed.await();
          case STARTING -> {
            if (remaining <= 0) {
              publish(null);
            } else {
              remaining = changed.awaitNanos(remaining);
            }
          }
        }
      }
    }
  }

  /** The record the task was created with; only after {@link #awaitHandOut} said PUBLISHED. */
  TaskRecord created() {
    try (AutoLock ignored = lock.lock()) {
      return requireNonNull(created, "not published");
    }
  }

  /**
   * Claims an input request for the call's multi round-trip, if the task does not exist yet.
   *
   * @return {@code true} if the request is the call's ({@link #recorded()} must follow)
   */
  boolean claimBeforeTask() {
    try (AutoLock ignored = lock.lock()) {
      if (phase != Phase.STARTING) {
        return false;
      }
      phase = Phase.ABANDONING;
      changed.signalAll();
      return true;
    }
  }

  /** The claimed input requests are recorded; the request may answer input_required. */
  void recorded() {
    try (AutoLock ignored = lock.lock()) {
      if (phase == Phase.ABANDONING) {
        phase = Phase.ABANDONED;
        changed.signalAll();
      }
    }
  }

  /**
   * The handler ended: publishes or ends the task (first terminal status wins).
   *
   * @param ending how it ended; {@code null} when it ended by asking for input before the task
   *     existed (then the call answers {@code input_required} and no task is touched)
   * @return the task's record after the ending (terminal; maybe another ending that won), or {@code
   *     null} if there was no task or it is gone
   */
  @Nullable TaskRecord finish(@Nullable Ending ending) {
    Ending end = ending == null ? NO_RESULT : ending;
    boolean published;
    try (AutoLock ignored = lock.lock()) {
      if (phase == Phase.STARTING) {
        // Only a claimed input request ends a handler without an ending, and a claim leaves
        // STARTING; so this is a real ending (NO_RESULT only defends against a broken handler).
        publish(end);
        return phase == Phase.PUBLISHED ? created : null;
      }
      // ABANDONING, ABANDONED: the call answered input_required; REFUSED: there is no task.
      published = phase == Phase.PUBLISHED;
    }
    if (!published) {
      return null;
    }
    return store
        .update(
            taskId,
            current ->
                current.end(
                    end.status(), end.result(), end.error(), end.message(), clock.instant()))
        .orElse(null);
  }

  /** The ending of a handler that ended without one while its task existed. */
  private static final Ending NO_RESULT =
      new Ending(
          TaskStatus.FAILED,
          null,
          JsonRpcCodecs.nodes()
              .objectNode()
              .put("code", -32603)
              .put("message", "the tool ended without a result"),
          "the tool ended without a result");

  /**
   * Asks the client through the task: records the requests in the task (status {@code
   * input_required}) and waits until {@code tasks/update} delivered an answer to each.
   *
   * @throws InterruptedException if the task was cancelled, or ended or expired meanwhile
   * @throws TimeoutException if {@code timeout} passed first
   */
  Map<String, JsonNode> awaitInputs(Map<String, InputRequest> requests, Duration timeout)
      throws InterruptedException, TimeoutException {
    store.update(
        taskId,
        current -> {
          Map<String, JsonNode> pending = new LinkedHashMap<>(current.inputRequests());
          requests.forEach(
              (key, request) -> {
                if (!current.inputResponses().containsKey(key)) {
                  pending.putIfAbsent(key, requestNode(request));
                }
              });
          return pending.equals(current.inputRequests())
              ? current
              : current.withInput(pending, current.inputResponses(), clock.instant());
        });
    long remaining = timeout.toNanos();
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    try (AutoLock ignored = lock.lock()) {
      while (true) {
        TaskRecord current = store.get(taskId).orElse(null);
        if (current == null || current.status().isTerminal()) {
          throw new InterruptedException("task " + taskId + " ended while waiting for input");
        }
        if (current.inputResponses().keySet().containsAll(requests.keySet())) {
          // Only this handler takes answers out of the record, so they stay until removed below.
          for (String key : requests.keySet()) {
            answers.put(key, requireNonNull(current.inputResponses().get(key)));
          }
          break;
        }
        if (remaining <= 0) {
          throw new TimeoutException("no answer to the task's input requests in " + timeout);
        }
        remaining = changed.awaitNanos(remaining);
      }
    }
    store.update(
        taskId,
        current -> {
          Map<String, JsonNode> left = new LinkedHashMap<>(current.inputResponses());
          requests.keySet().forEach(left::remove);
          return current.withInput(current.inputRequests(), left, clock.instant());
        });
    return answers;
  }

  /** The store's watcher: the record changed (maybe on another node). */
  void changed(TaskRecord record) {
    try (AutoLock ignored = lock.lock()) {
      changed.signalAll();
      if (record.status().isTerminal() && phase == Phase.PUBLISHED) {
        ToolCallContext running = context;
        if (running != null) {
          // A no-op once the handler finished (its own completion lands here, too).
          running.cancel();
        }
      }
    }
  }

  private static ObjectNode requestNode(InputRequest request) {
    ObjectNode node = JsonRpcCodecs.nodes().objectNode();
    node.put("method", request.method());
    JsonNode params = request.params();
    node.set("params", params == null ? JsonRpcCodecs.nodes().objectNode() : params.deepCopy());
    return node;
  }

  /** For the stress test: the phase now. */
  Phase phase() {
    try (AutoLock ignored = lock.lock()) {
      return phase;
    }
  }
}
