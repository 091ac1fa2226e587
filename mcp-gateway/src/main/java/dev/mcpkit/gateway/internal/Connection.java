package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.ClientErrorException;
import dev.mcpkit.api.server.DynamicRequest;
import dev.mcpkit.api.spi.transport.SessionOutbound;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One upstream session of one client session, and the routing of what the upstream sends back: a
 * request (sampling, elicitation, roots) or a log message goes to the client on the stream of the
 * client's request that is waiting on this upstream (the latest one, when several are), anything
 * else and anything that arrives between requests goes to the client session's own stream.
 *
 * <p>A 2026-07-28 upstream has no session: the {@link StatelessBridge} keeps what the client
 * session would have kept upstream.
 *
 * <p>Thread-safe: the client is, and the requests in flight are a concurrent deque.
 */
final class Connection implements UpstreamCallbacks {

  /** How long the upstream's request to the client may wait for the client's answer. */
  private static final Duration CLIENT_ANSWER_TIMEOUT = Duration.ofMinutes(10);

  /** Notifications that belong to no request: always to the session's stream. */
  private static final Set<String> SESSION_NOTIFICATIONS =
      Set.of(
          McpMethod.NOTIFICATIONS_TOOLS_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_RESOURCES_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_PROMPTS_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_RESOURCES_UPDATED.wireName());

  private final Upstream upstream;
  private final Consumer<JsonRpcNotification> unrouted;
  private final @Nullable String clientSessionId;
  private final JsonNode clientCapabilities;
  private final @Nullable ClientInfo clientInfo;
  private final Deque<DynamicRequest> requests = new ConcurrentLinkedDeque<>();

  /** Replaced only by {@link #open}, before the connection is shared. */
  private volatile McpClient client;

  /** The upstream session to resume rather than open, or {@code null}. */
  private final @Nullable UpstreamSession resume;

  /** Whether closing the client ends the upstream session (not in a cluster). */
  private final boolean endOnClose;

  /** Set once by {@link #open} for a stateless upstream, before the connection is shared. */
  private volatile @Nullable StatelessBridge bridge;

  Connection(Upstream upstream, Session session, Supplier<SessionOutbound> outbound) {
    this(upstream, session, outbound, null, true);
  }

  /**
   * @param resume the upstream session to resume (opened by another node), or {@code null}
   * @param endOnClose whether closing the client ends the upstream session
   */
  Connection(
      Upstream upstream,
      Session session,
      Supplier<SessionOutbound> outbound,
      @Nullable UpstreamSession resume,
      boolean endOnClose) {
    this(
        upstream,
        session.clientCapabilities(),
        session.clientInfo().orElse(null),
        notification -> outbound.get().send(session, notification),
        session.id().value(),
        resume,
        endOnClose);
  }

  /**
   * An upstream session declaring {@code clientCapabilities}, whose messages that belong to no
   * waiting request go to {@code unrouted} (a sessionless client has no stream of its own for
   * them).
   */
  Connection(
      Upstream upstream, JsonNode clientCapabilities, Consumer<JsonRpcNotification> unrouted) {
    this(upstream, clientCapabilities, null, unrouted, null, null, true);
  }

  private Connection(
      Upstream upstream,
      JsonNode clientCapabilities,
      @Nullable ClientInfo clientInfo,
      Consumer<JsonRpcNotification> unrouted,
      @Nullable String clientSessionId,
      @Nullable UpstreamSession resume,
      boolean endOnClose) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.unrouted = requireNonNull(unrouted, "unrouted");
    this.clientSessionId = clientSessionId;
    this.clientCapabilities = requireNonNull(clientCapabilities, "clientCapabilities");
    this.clientInfo = clientInfo;
    this.resume = resume;
    this.endOnClose = endOnClose;
    this.client = openClient();
  }

  private McpClient openClient() {
    return upstream.open(clientCapabilities, clientInfo, this, resume, endOnClose);
  }

  /**
   * Initializes the upstream session (or, at 2026-07-28, discovers the upstream), tells the
   * upstream which generation it landed on, and for a stateless upstream starts the {@link
   * StatelessBridge} that keeps the client session's state. A resumed upstream session needs none
   * of that.
   */
  void open() {
    if (resume != null) {
      // An upstream session another node opened (and initialized): a session-based one, since
      // only those have an id to resume.
      return;
    }
    var result = client.initialize();
    if (!upstream.learned(client)) {
      // The probe found the other generation: open the client that speaks it.
      client.close();
      client = openClient();
      result = client.initialize();
      upstream.learned(client);
    }
    if (result.protocolVersion().sessionless()) {
      StatelessBridge created = new StatelessBridge(upstream.name(), client, result.capabilities());
      bridge = created;
      created.start();
    }
  }

  /** Whether the upstream is spoken to at 2026-07-28, without an upstream session. */
  boolean stateless() {
    return bridge != null;
  }

  /** Sends a client request upstream: through the bridge for a stateless upstream. */
  JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    StatelessBridge through = bridge;
    return through != null
        ? through.request(method, params, options)
        : client.request(method, params, options);
  }

  /**
   * Sends a client request to a session-based upstream without a thread waiting for the answer; the
   * future may complete on the client's I/O thread. Not for a stateless upstream (its bridge
   * blocks).
   */
  CompletableFuture<JsonNode> requestWithoutBlocking(
      String method, @Nullable JsonNode params, RequestOptions options) {
    return client.requestWithoutBlocking(method, params, options);
  }

  /** Passes a client notification on; a stateless upstream takes none. */
  void notifyUpstream(String method, @Nullable JsonNode params) {
    if (bridge == null) {
      client.notify(method, params);
    }
  }

  /** Stops the bridge's listen stream and closes the client (a {@code DELETE} with a session). */
  void close() {
    StatelessBridge through = bridge;
    if (through != null) {
      through.close();
    }
    client.close();
  }

  Upstream upstream() {
    return upstream;
  }

  McpClient client() {
    return client;
  }

  /** Marks a client request as waiting on this upstream, for the routing of what comes back. */
  void enter(DynamicRequest request) {
    requests.addLast(request);
  }

  void exit(DynamicRequest request) {
    requests.removeLastOccurrence(request);
  }

  @Override
  public JsonNode onRequest(String method, JsonNode params) throws Exception {
    DynamicRequest current = requests.peekLast();
    if (current == null) {
      throw new McpClientException(
          "no client request in flight to carry " + method,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "the gateway can pass " + method + " to its client only during a request"),
          0,
          null);
    }
    try {
      return current.context().request(method, params, CLIENT_ANSWER_TIMEOUT);
    } catch (ClientErrorException e) {
      throw new McpClientException("the client refused " + method, e.error(), 0, null);
    }
  }

  @Override
  public void onNotification(JsonRpcNotification notification) {
    if (McpMethod.NOTIFICATIONS_SUBSCRIPTIONS_ACKNOWLEDGED
        .wireName()
        .equals(notification.method())) {
      return; // the bridge's own listen stream is in place: nothing for the client
    }
    DynamicRequest current =
        SESSION_NOTIFICATIONS.contains(notification.method()) ? null : requests.peekLast();
    if (current != null) {
      current.notify(notification.method(), notification.params());
    } else {
      unrouted.accept(notification);
    }
  }

  /** The client session's id; {@code null} for a sessionless client's (not recorded on tapes). */
  @Override
  public @Nullable String clientSessionId() {
    return clientSessionId;
  }

  /** The upstream session's id, when it has one. */
  @Nullable String sessionId() {
    return client.sessionId().orElse(null);
  }

  /** The upstream session as the client session's record keeps it, when it has an id. */
  @Nullable UpstreamSession upstreamSession() {
    String id = client.sessionId().orElse(null);
    return id == null || client.protocolVersion().isEmpty()
        ? null
        : new UpstreamSession(id, client.protocolVersion().get());
  }
}
