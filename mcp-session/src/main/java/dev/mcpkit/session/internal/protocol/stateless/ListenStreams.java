package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ServerChange;
import dev.mcpkit.session.internal.protocol.Subscriptions;
import dev.mcpkit.session.internal.tasks.TaskEngine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code subscriptions/listen} streams of revision 2026-07-28, and the publisher of {@link
 * ServerChange}s for both eras: each change goes to the session-based audience (the wrapped {@link
 * Subscriptions}) and to every open listen stream whose filter wants it.
 *
 * <p>A listen request holds its own thread (a virtual thread in the transport) for the life of the
 * stream: it sends {@code notifications/subscriptions/acknowledged} first, then takes notifications
 * from its own bounded queue and writes them, each tagged with {@code
 * _meta["io.modelcontextprotocol/subscriptionId"]} (the listen request's id). Every poll interval
 * it checks {@link MessageSink#isOpen()}: the transport keeps the stream alive with SSE comments
 * and notices a client that went away. The stream ends when the client closes it, the server stops,
 * or the thread is interrupted.
 *
 * <p>A stream may also follow tasks (the {@code taskIds} of its filter, Tasks extension): the task
 * engine reports every changed task record ({@link #taskChanged}), and the stream sends {@code
 * notifications/tasks} with the task as {@code tasks/get} would answer it, never going back to an
 * older status. A status dropped because the queue was full is repaired by the task's next change
 * or by the client's next {@code tasks/get}.
 *
 * <p>Thread-safe: publishers only offer to the listeners' queues (never block on a slow client; a
 * full queue drops the notification for that listener, which the listener's next list request
 * repairs since list changes are idempotent hints), and the listener list is copy-on-write (it
 * changes once per stream, publications are frequent).
 */
public final class ListenStreams implements ServerChange.Audience {
  private static final Logger LOG = LoggerFactory.getLogger(ListenStreams.class);
  private static final int QUEUE_CAPACITY = 256;

  /** At most this many listen streams at once; they take no permit of the transport's executor. */
  static final int MAX_LISTENERS = 10_000;

  /** What a stream opted in to, already narrowed to what this server can send. */
  record Filter(boolean tools, boolean prompts, boolean resources, Set<String> resourceUris) {
    Filter {
      resourceUris = Set.copyOf(resourceUris);
    }

    /**
     * The filter of a listen request, narrowed to what this server can send. Tools are fixed when
     * the server is built, so a tools filter is never honored.
     *
     * @throws ProtocolError {@code -32602} without a {@code notifications} object
     */
    static Filter of(
        @org.jspecify.annotations.Nullable JsonNode params, boolean prompts, boolean resources) {
      JsonNode wanted = params == null ? null : params.get("notifications");
      if (wanted == null || !wanted.isObject()) {
        throw new ProtocolError(
            dev.mcpkit.api.jsonrpc.JsonRpcError.INVALID_PARAMS,
            "Invalid params: subscriptions/listen needs a notifications filter");
      }
      java.util.HashSet<String> uris = new java.util.HashSet<>();
      JsonNode subscriptions = wanted.get("resourceSubscriptions");
      if (resources && subscriptions != null && subscriptions.isArray()) {
        for (JsonNode uri : subscriptions) {
          if (uri.isString()) {
            uris.add(uri.stringValue());
          }
        }
      }
      return new Filter(
          false,
          prompts && wanted.path("promptsListChanged").asBoolean(false),
          resources && wanted.path("resourcesListChanged").asBoolean(false),
          uris);
    }

    /** Whether a stream with this filter wants a change. */
    boolean wants(ServerChange change) {
      return switch (change) {
        case ServerChange.ResourceUpdated updated -> resourceUris.contains(updated.uri());
        case ServerChange.ListChanged list ->
            switch (list) {
              case TOOLS -> tools;
              case PROMPTS -> prompts;
              case RESOURCES -> resources;
            };
      };
    }
  }

  /** What a stream's queue holds: a notification to send, or a sign that a task changed. */
  private sealed interface Queued {}

  private record Send(JsonRpcNotification notification) implements Queued {}

  private record TaskChanged(String taskId) implements Queued {}

  /**
   * One open stream. {@code latestTasks} holds the newest record seen of each task it follows
   * ({@link #newer}); publishers merge into it and queue a {@link TaskChanged}, and the stream's
   * thread sends whatever is newest when it gets there, so records the store reports late or out of
   * order never make a task's status go backwards on the stream.
   */
  private record Listener(
      RequestId id,
      Filter filter,
      BlockingQueue<Queued> queue,
      Set<String> taskIds,
      ConcurrentHashMap<String, TaskRecord> latestTasks) {}

  private final Subscriptions sessions;
  private final Duration poll;
  private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

  public ListenStreams(Subscriptions sessions, Duration poll) {
    this.sessions = requireNonNull(sessions, "sessions");
    this.poll = requireNonNull(poll, "poll");
  }

  /**
   * Serves one listen stream on the caller's thread until the client closes it or the thread is
   * interrupted.
   */
  void serve(JsonRpcRequest request, Filter filter, MessageSink sink) {
    serve(request, filter, List.of(), sink);
  }

  /**
   * Serves one listen stream that also follows {@code tasks}: their status notifications ({@code
   * notifications/tasks}), starting with each one's current state right after the acknowledgement,
   * so that a task that changed before the stream opened is not missed.
   *
   * @param tasks the current records of the tasks the stream follows (the caller checked that the
   *     client may see them)
   */
  void serve(JsonRpcRequest request, Filter filter, List<TaskRecord> tasks, MessageSink sink) {
    Set<String> taskIds = new java.util.HashSet<>();
    tasks.forEach(task -> taskIds.add(task.taskId()));
    Listener listener =
        new Listener(
            request.id(),
            filter,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            Set.copyOf(taskIds),
            new ConcurrentHashMap<>());
    // A racy bound (size, then add) may admit a few more than MAX_LISTENERS; it is a flood guard.
    if (listeners.size() >= MAX_LISTENERS) {
      throw new ProtocolError(
          dev.mcpkit.api.jsonrpc.JsonRpcError.INTERNAL_ERROR,
          "Too many subscriptions/listen streams; retry later");
    }
    listeners.add(listener);
    try {
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      params.set("notifications", acknowledged(filter, listener.taskIds()));
      sink.send(
          tagged(
              new JsonRpcNotification(
                  McpMethod.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED.wireName(), params),
              request.id()));
      tasks.forEach(task -> follow(listener, task));
      // Only this thread reads and writes it: the last record of each task sent on the stream.
      Map<String, TaskRecord> sent = new HashMap<>();
      long waitNanos = poll.toNanos();
      while (sink.isOpen()) {
        Queued next = listener.queue().poll(waitNanos, TimeUnit.NANOSECONDS);
        switch (next) {
          case null -> {}
          case Send send -> sink.send(tagged(send.notification(), request.id()));
          case TaskChanged changed -> {
            TaskRecord latest = listener.latestTasks().get(changed.taskId());
            TaskRecord last = sent.get(changed.taskId());
            if (latest != null
                && latest != last
                && (last == null || newer(last, latest) == latest)) {
              sent.put(changed.taskId(), latest);
              sink.send(
                  tagged(
                      new JsonRpcNotification(
                          TaskEngine.STATUS_NOTIFICATION, TaskEngine.statusParams(latest)),
                      request.id()));
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      listeners.remove(listener);
    }
  }

  /** The number of open listen streams. */
  int size() {
    return listeners.size();
  }

  /**
   * Publishes a change to the session-based audience, then to every listen stream that wants it.
   */
  @Override
  public int publish(ServerChange change) {
    return sessions.publish(change) + offer(change.notification(), filter -> filter.wants(change));
  }

  /** Publishes a tool list change; only listen streams can hear it (session tools never change). */
  int toolListChanged() {
    return publish(ServerChange.ListChanged.TOOLS);
  }

  /**
   * Tells the streams that follow a task of its changed record (the task engine's watcher, called
   * for changes made on any node sharing the store). Never blocks.
   *
   * @return how many streams it was queued for
   */
  public int taskChanged(TaskRecord record) {
    int delivered = 0;
    for (Listener listener : listeners) {
      if (listener.taskIds().contains(record.taskId()) && follow(listener, record)) {
        delivered++;
      }
    }
    return delivered;
  }

  private static boolean follow(Listener listener, TaskRecord record) {
    listener.latestTasks().merge(record.taskId(), record, ListenStreams::newer);
    if (listener.queue().offer(new TaskChanged(record.taskId()))) {
      return true;
    }
    LOG.debug("listen stream {} is not keeping up; dropped a task status", listener.id());
    return false;
  }

  /**
   * The newer of two records of one task: a terminal status is final, otherwise the later update
   * wins ({@code incoming} on a tie).
   */
  static TaskRecord newer(TaskRecord current, TaskRecord incoming) {
    boolean currentEnded = current.status().isTerminal();
    if (currentEnded != incoming.status().isTerminal()) {
      return currentEnded ? current : incoming;
    }
    return incoming.lastUpdatedAt().isBefore(current.lastUpdatedAt()) ? current : incoming;
  }

  private int offer(JsonRpcNotification notification, Predicate<Filter> wanted) {
    int delivered = 0;
    Send send = new Send(notification);
    for (Listener listener : listeners) {
      if (wanted.test(listener.filter())) {
        if (listener.queue().offer(send)) {
          delivered++;
        } else {
          LOG.debug(
              "listen stream {} is not keeping up; dropped {}",
              listener.id(),
              notification.method());
        }
      }
    }
    return delivered;
  }

  private static JsonNode acknowledged(Filter filter, Set<String> taskIds) {
    ObjectNode honored = JsonRpcCodecs.nodes().objectNode();
    if (filter.tools()) {
      honored.put("toolsListChanged", true);
    }
    if (filter.prompts()) {
      honored.put("promptsListChanged", true);
    }
    if (filter.resources()) {
      honored.put("resourcesListChanged", true);
    }
    if (!filter.resourceUris().isEmpty()) {
      filter.resourceUris().stream()
          .sorted()
          .forEach(honored.putArray("resourceSubscriptions")::add);
    }
    if (!taskIds.isEmpty()) {
      taskIds.stream().sorted().forEach(honored.putArray("taskIds")::add);
    }
    return honored;
  }

  private static JsonRpcNotification tagged(JsonRpcNotification notification, RequestId id) {
    JsonNode given = notification.params();
    ObjectNode params =
        given instanceof ObjectNode object ? object.deepCopy() : JsonRpcCodecs.nodes().objectNode();
    JsonNode meta = params.get("_meta");
    ObjectNode metaObject = meta instanceof ObjectNode object ? object : params.putObject("_meta");
    metaObject.set(RequestMeta.SUBSCRIPTION_ID, idNode(id));
    return new JsonRpcNotification(notification.method(), params);
  }

  private static JsonNode idNode(RequestId id) {
    return switch (id) {
      case RequestId.Number number -> JsonRpcCodecs.nodes().numberNode(number.value());
      case RequestId.Text text -> JsonRpcCodecs.nodes().stringNode(text.value());
    };
  }
}
