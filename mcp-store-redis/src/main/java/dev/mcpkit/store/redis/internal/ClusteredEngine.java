package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.jsonrpc.JsonRpcErrorResponse;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.jsonrpc.JsonRpcRequest;
import dev.mcpkit.api.jsonrpc.JsonRpcResponse;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import dev.mcpkit.api.spi.transport.TransportEngine;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one node's engine part of a cluster whose nodes share Redis: what a client sends to one
 * node reaches the node that needs it, over one pub/sub channel that every node subscribes to.
 *
 * <ul>
 *   <li><b>Answers to server-to-client requests</b> (sampling, elicitation, roots): the tool
 *       waiting for an answer runs on the node that got its {@code tools/call}, while the client
 *       may POST the answer to any node. Every client response this node receives is handed to its
 *       own engine and published; every other node hands it to its engine, and the one node waiting
 *       for that id in that session completes the call (the others drop it, as an answer nobody
 *       waits for).
 *   <li><b>Per-session state kept by each engine</b>: the end of the handshake ({@code
 *       notifications/initialized}), subscriptions ({@code resources/subscribe}, {@code
 *       unsubscribe}) and the log level ({@code logging/setLevel}) are replayed on every other
 *       node, so whichever node holds the session's GET stream or runs its next call knows them; a
 *       {@code notifications/cancelled} reaches the node running the call.
 *   <li><b>Server notifications</b> ({@link ServerNotifications}: resource updates, list changes)
 *       published on one node run on every node, each delivering to the GET streams it holds. The
 *       count returned is this node's deliveries.
 *   <li><b>Messages for one session's GET stream</b> sent through the {@link SessionOutbound} the
 *       engine hands on (for example a gateway relaying an upstream's notification that arrived
 *       outside any request): when the session's stream is not open on this node, the message is
 *       published, and every other node offers it to its own transport, which delivers it only
 *       where the stream is open. Messages sent while a server notification above is being run are
 *       not forwarded, since that notification already runs on every node (forwarding them would
 *       deliver them twice).
 * </ul>
 *
 * <p>The cost is one pub/sub message per client response, subscription change and server
 * notification, each received by every node (O(nodes)); requests and their answers, the hot path,
 * cost nothing extra. Pub/sub is at-most-once: a message lost while a node's subscription
 * reconnects is lost (a sampling call then times out, as it would if the client never answered).
 *
 * <p>Thread-safe: its only mutable state besides the inner engine's is the transport's channel
 * (volatile, set once when the transport attaches) and a per-thread flag that is set and cleared on
 * the thread running a server notification, so it never leaks to another call; received messages
 * are handled one at a time on the connections' dispatcher thread.
 */
public final class ClusteredEngine implements TransportEngine {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredEngine.class);
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final MessageSink DISCARD = message -> {};

  private final TransportEngine inner;
  private final RedisConnections redis;
  private final String channel;
  private final String node;
  private final JsonRpcCodec codec;
  private final ServerNotifications notifications;

  /**
   * Set while a {@link ServerNotifications} call runs here, which every node runs for itself: what
   * the engine sends to sessions then must not be forwarded as well.
   */
  private static final ThreadLocal<Boolean> BROADCASTING = ThreadLocal.withInitial(() -> false);

  /** The transport's own channel, for messages other nodes forward; none until one is attached. */
  private volatile SessionOutbound local = SessionOutbound.DISCARD;

  /**
   * Joins the cluster.
   *
   * @param inner this node's engine
   * @param redis the connections
   * @param keys the key layout (names the channel)
   */
  public ClusteredEngine(TransportEngine inner, RedisConnections redis, Keys keys) {
    this.inner = requireNonNull(inner, "inner");
    this.redis = requireNonNull(redis, "redis");
    this.channel = keys.bus();
    this.node = Long.toString(new SecureRandom().nextLong() >>> 1, 36);
    this.codec = inner.codec();
    this.notifications = new ClusterNotifications();
    redis.subscribe(channel, this::onMessage);
  }

  @Override
  public JsonRpcCodec codec() {
    return codec;
  }

  /** It serves everything with {@link #post}, which publishes what changed to the cluster. */
  @Override
  public boolean mayAnswerLater() {
    return false;
  }

  @Override
  public Outcome post(IncomingMessages incoming, MessageSink sink) {
    Outcome outcome = inner.post(incoming, sink);
    String sessionId = incoming.sessionId();
    if (sessionId == null) {
      return outcome;
    }
    List<JsonRpcMessage> forward = new ArrayList<>();
    for (JsonRpcMessage message : incoming.messages()) {
      if (mirrored(message)) {
        forward.add(message);
      }
    }
    if (!forward.isEmpty() && !(outcome instanceof Outcome.Rejected)) {
      Principal principal = incoming.principal();
      for (JsonRpcMessage message : forward) {
        publish("post", sessionId, principal == null ? null : principal.getName(), message);
      }
    }
    return outcome;
  }

  /**
   * The messages every node must see: answers (the waiting tool may run elsewhere), the handshake's
   * end and cancellations (the session's copies elsewhere must become active; the cancelled call
   * may run elsewhere), and the requests that change per-session state kept by each engine.
   */
  private static boolean mirrored(JsonRpcMessage message) {
    return switch (message) {
      case JsonRpcResponse response -> true;
      case JsonRpcErrorResponse error -> true;
      case JsonRpcNotification n ->
          n.method().equals(McpMethod.NOTIFICATIONS_INITIALIZED.wireName())
              || n.method().equals(McpMethod.NOTIFICATIONS_CANCELLED.wireName());
      case JsonRpcRequest r ->
          r.method().equals(McpMethod.RESOURCES_SUBSCRIBE.wireName())
              || r.method().equals(McpMethod.RESOURCES_UNSUBSCRIBE.wireName())
              || r.method().equals(McpMethod.LOGGING_SET_LEVEL.wireName());
    };
  }

  @Override
  public Outcome delete(@Nullable String sessionId, @Nullable Principal principal) {
    return inner.delete(sessionId, principal);
  }

  @Override
  public ServerNotifications notifications() {
    return notifications;
  }

  @Override
  public void attachOutbound(SessionOutbound outbound) {
    requireNonNull(outbound, "outbound");
    local = outbound;
    inner.attachOutbound(
        (session, message) -> {
          if (outbound.send(session, message)) {
            return true;
          }
          if (!BROADCASTING.get()) {
            publish(
                "session",
                session.id().value(),
                session.principal().map(Principal::getName).orElse(null),
                message);
          }
          return false; // not delivered here; another node delivers it if it holds the stream
        });
  }

  @Override
  public @Nullable Session session(@Nullable String sessionId, @Nullable Principal principal) {
    return inner.session(sessionId, principal);
  }

  @Override
  public EventStore eventStore() {
    return inner.eventStore();
  }

  private void publish(
      String kind,
      @Nullable String sessionId,
      @Nullable String principal,
      @Nullable JsonRpcMessage message) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("n", node);
    envelope.put("k", kind);
    if (sessionId != null) {
      envelope.put("s", sessionId);
    }
    if (principal != null) {
      envelope.put("u", principal);
    }
    if (message != null) {
      envelope.put("m", new String(codec.encode(message), StandardCharsets.UTF_8));
    }
    String text = MAPPER.writeValueAsString(envelope);
    try {
      redis.call("publish to the cluster", c -> c.publish(channel, text));
    } catch (RuntimeException e) {
      LOG.warn("could not publish a {} message to the cluster", kind, e);
    }
  }

  private void publishNotification(String kind, @Nullable String uri) {
    publish(kind, uri, null, null); // the URI rides in the session field
  }

  /** A message from the channel; runs on the dispatcher thread. */
  private void onMessage(String text) {
    JsonNode envelope;
    try {
      envelope = MAPPER.readTree(text);
    } catch (RuntimeException e) {
      LOG.debug("ignoring a malformed cluster message", e);
      return;
    }
    if (node.equals(envelope.path("n").asString(""))) {
      return; // our own
    }
    String kind = envelope.path("k").asString("");
    String session = envelope.hasNonNull("s") ? envelope.get("s").asString() : null;
    try {
      switch (kind) {
        case "post" -> replayPost(envelope, session);
        case "session" -> deliver(envelope, session);
        case "resources/updated" -> {
          if (session != null) {
            broadcast(() -> inner.notifications().resourceUpdated(session));
          }
        }
        case "resources/list_changed" ->
            broadcast(() -> inner.notifications().resourceListChanged());
        case "prompts/list_changed" -> broadcast(() -> inner.notifications().promptListChanged());
        default -> LOG.debug("ignoring a cluster message of kind {}", kind);
      }
    } catch (RuntimeException e) {
      LOG.debug("a cluster message of kind {} failed here", kind, e);
    }
  }

  /** Hands a message another node received to this node's engine; its answer goes nowhere. */
  private void replayPost(JsonNode envelope, @Nullable String session) {
    if (session == null || !envelope.hasNonNull("m")) {
      return;
    }
    byte[] body = envelope.get("m").asString().getBytes(StandardCharsets.UTF_8);
    if (!(codec.parse(body, 0, body.length) instanceof ParsedBody.Messages parsed)) {
      return;
    }
    String name = envelope.hasNonNull("u") ? envelope.get("u").asString() : null;
    Principal principal = name == null ? null : new ClusterPrincipal(name);
    inner.post(new IncomingMessages(parsed.messages(), false, session, null, principal), DISCARD);
  }

  /**
   * Offers a message another node could not deliver to this node's transport, which delivers it if
   * the session's GET stream is open here. Looking the session up counts as activity on it, as any
   * message to the session does.
   */
  private void deliver(JsonNode envelope, @Nullable String sessionId) {
    if (sessionId == null || !envelope.hasNonNull("m")) {
      return;
    }
    String name = envelope.hasNonNull("u") ? envelope.get("u").asString() : null;
    Session session = inner.session(sessionId, name == null ? null : new ClusterPrincipal(name));
    if (session == null) {
      return;
    }
    byte[] body = envelope.get("m").asString().getBytes(StandardCharsets.UTF_8);
    if (codec.parse(body, 0, body.length) instanceof ParsedBody.Messages parsed
        && parsed.messages().size() == 1) {
      local.send(session, parsed.messages().getFirst());
    }
  }

  /** Runs a server notification here with forwarding off (every node runs it for itself). */
  private static int broadcast(java.util.function.IntSupplier notification) {
    if (BROADCASTING.get()) {
      return notification.getAsInt();
    }
    BROADCASTING.set(true);
    try {
      return notification.getAsInt();
    } finally {
      BROADCASTING.set(false);
    }
  }

  /** The principal a forwarded message was sent by, known by name only. */
  private record ClusterPrincipal(String getName) implements Principal {}

  /** Runs each notification here and on every other node. */
  private final class ClusterNotifications implements ServerNotifications {
    @Override
    public int resourceUpdated(String uri) {
      requireNonNull(uri, "uri");
      int delivered = broadcast(() -> inner.notifications().resourceUpdated(uri));
      publishNotification("resources/updated", uri);
      return delivered;
    }

    @Override
    public int resourceListChanged() {
      int delivered = broadcast(() -> inner.notifications().resourceListChanged());
      publishNotification("resources/list_changed", null);
      return delivered;
    }

    @Override
    public int promptListChanged() {
      int delivered = broadcast(() -> inner.notifications().promptListChanged());
      publishNotification("prompts/list_changed", null);
      return delivered;
    }
  }
}
