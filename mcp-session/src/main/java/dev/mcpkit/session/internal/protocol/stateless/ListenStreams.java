package dev.mcpkit.session.internal.protocol.stateless;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.RequestId;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.internal.protocol.ProtocolError;
import dev.mcpkit.session.internal.protocol.RequestMeta;
import dev.mcpkit.session.internal.protocol.ServerChange;
import dev.mcpkit.session.internal.protocol.Subscriptions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

  private record Listener(RequestId id, Filter filter, BlockingQueue<JsonRpcNotification> queue) {}

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
    Listener listener =
        new Listener(request.id(), filter, new ArrayBlockingQueue<>(QUEUE_CAPACITY));
    // A racy bound (size, then add) may admit a few more than MAX_LISTENERS; it is a flood guard.
    if (listeners.size() >= MAX_LISTENERS) {
      throw new ProtocolError(
          dev.mcpkit.api.jsonrpc.JsonRpcError.INTERNAL_ERROR,
          "Too many subscriptions/listen streams; retry later");
    }
    listeners.add(listener);
    try {
      ObjectNode params = JsonRpcCodecs.nodes().objectNode();
      params.set("notifications", acknowledged(filter));
      sink.send(
          tagged(
              new JsonRpcNotification(
                  McpMethod.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED.wireName(), params),
              request.id()));
      long waitNanos = poll.toNanos();
      while (sink.isOpen()) {
        JsonRpcNotification next = listener.queue().poll(waitNanos, TimeUnit.NANOSECONDS);
        if (next != null) {
          sink.send(tagged(next, request.id()));
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

  private int offer(JsonRpcNotification notification, Predicate<Filter> wanted) {
    int delivered = 0;
    for (Listener listener : listeners) {
      if (wanted.test(listener.filter())) {
        if (listener.queue().offer(notification)) {
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

  private static JsonNode acknowledged(Filter filter) {
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
