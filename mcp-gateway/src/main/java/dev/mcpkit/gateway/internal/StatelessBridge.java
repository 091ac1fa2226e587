package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session-based client session in front of a 2026-07-28 upstream: what the upstream no longer
 * has, the bridge keeps for the client session and replays on every request.
 *
 * <ul>
 *   <li>The client's version, info and capabilities travel in each request's {@code _meta} and the
 *       standard headers ({@code Mcp-Method}, {@code Mcp-Name}, {@code Mcp-Param-*}), and an {@code
 *       input_required} result is answered by asking the client and retried with {@code
 *       inputResponses} and the upstream's {@code requestState}: the upstream's {@code
 *       McpHttpClient} does all of that, at 2026-07-28, with the client session's info and
 *       capabilities and with handlers that ask the client on the stream of its waiting request
 *       ({@link Connection#onRequest}).
 *   <li>{@code logging/setLevel} is answered here and its level sent along as {@code
 *       _meta["io.modelcontextprotocol/logLevel"]} on every request ({@code debug} until the client
 *       sets one: a session-based server logs everything until told otherwise).
 *   <li>{@code resources/subscribe} and {@code unsubscribe} are answered here and change the filter
 *       of the one {@code subscriptions/listen} stream the bridge keeps open, whose list changes
 *       and resource updates go to the client session's GET stream (through {@link
 *       Connection#onNotification}).
 *   <li>Results lose what only 2026-07-28 has ({@code resultType}, {@code ttlMs}, {@code
 *       cacheScope}, {@code _meta["io.modelcontextprotocol/serverInfo"]}).
 *   <li>Before the first {@code tools/call} the bridge lists the tools once through the upstream's
 *       client, which learns from the listing which arguments go into {@code Mcp-Param-*} headers.
 *   <li>The client's notifications ({@code roots/list_changed}, ...) have no meaning upstream and
 *       are dropped: the upstream asks for roots again on each request that needs them.
 * </ul>
 *
 * <p>Thread-safe: the level is volatile; the subscriptions and the listening thread change under a
 * {@link ReentrantLock} (never {@code synchronized}: restarting the stream interrupts a thread).
 */
final class StatelessBridge {
  private static final Logger LOG = LoggerFactory.getLogger(StatelessBridge.class);

  static final String LOG_LEVEL = "io.modelcontextprotocol/logLevel";

  /** Where a 2026-07-28 result names its server. */
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";

  /** How long one listen request may stay open before it is opened again. */
  private static final Duration LISTEN_TIMEOUT = Duration.ofHours(1);

  /** The pause before a listen stream that failed is opened again. */
  private static final Duration LISTEN_RETRY = Duration.ofSeconds(1);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String upstream;
  private final McpClient client;
  private final JsonNode serverCapabilities;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<String> subscribed = new TreeSet<>();
  private volatile String level = "debug";

  /** Whether the client listed the tools once (a race only lists them twice). */
  private volatile boolean toolsLearnt;

  private @Nullable Thread listener;
  private boolean closed;

  StatelessBridge(String upstream, McpClient client, JsonNode serverCapabilities) {
    this.upstream = requireNonNull(upstream, "upstream");
    this.client = requireNonNull(client, "client");
    this.serverCapabilities = requireNonNull(serverCapabilities, "serverCapabilities");
  }

  /** Opens the listen stream when the upstream has changes to announce. */
  void start() {
    if (Capabilities.declares(serverCapabilities, "resources")
        || Capabilities.declares(serverCapabilities, "prompts")) {
      relisten();
    }
  }

  /** Serves one request of the client session: here, or upstream with the session's state. */
  JsonNode request(String method, @Nullable JsonNode params, RequestOptions options) {
    if (McpMethod.LOGGING_SET_LEVEL.wireName().equals(method)) {
      JsonNode wanted = params == null ? null : params.get("level");
      if (wanted != null && wanted.isString()) {
        level = wanted.asString();
      }
      return NODES.objectNode();
    }
    if (McpMethod.RESOURCES_SUBSCRIBE.wireName().equals(method)
        || McpMethod.RESOURCES_UNSUBSCRIBE.wireName().equals(method)) {
      JsonNode uri = params == null ? null : params.get("uri");
      if (uri != null && uri.isString()) {
        lock.lock();
        try {
          boolean changed =
              McpMethod.RESOURCES_SUBSCRIBE.wireName().equals(method)
                  ? subscribed.add(uri.asString())
                  : subscribed.remove(uri.asString());
          if (changed) {
            relisten();
          }
        } finally {
          lock.unlock();
        }
      }
      return NODES.objectNode();
    }
    if (McpMethod.TOOLS_CALL.wireName().equals(method) && !toolsLearnt) {
      // The client mirrors x-mcp-header arguments into Mcp-Param-* headers for the tools it
      // learnt from a listing of its own; the gateway's listings pass through as plain requests.
      client.listTools();
      toolsLearnt = true;
    }
    return sessionShaped(client.request(method, withLevel(params), options));
  }

  /**
   * A 2026-07-28 result without what only that revision has: {@code resultType}, the cache hints
   * {@code ttlMs} and {@code cacheScope}, and the server's identity in {@code _meta} (a
   * session-based client learnt it at {@code initialize}).
   */
  static JsonNode sessionShaped(JsonNode result) {
    if (!(result instanceof ObjectNode object)) {
      return result;
    }
    ObjectNode copy = object.deepCopy();
    copy.remove(List.of("resultType", "ttlMs", "cacheScope"));
    if (copy.get("_meta") instanceof ObjectNode meta) {
      meta.remove(SERVER_INFO);
      if (meta.isEmpty()) {
        copy.remove("_meta");
      }
    }
    return copy;
  }

  /** The params with the session's log level in {@code _meta} (copied, never changed). */
  private JsonNode withLevel(@Nullable JsonNode params) {
    ObjectNode copy = params instanceof ObjectNode object ? object.deepCopy() : NODES.objectNode();
    JsonNode meta = copy.get("_meta");
    (meta instanceof ObjectNode existing ? existing : copy.putObject("_meta"))
        .put(LOG_LEVEL, level);
    return copy;
  }

  /** (Re)opens the listen stream with the current filter. */
  private void relisten() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      Thread previous = listener;
      if (previous != null) {
        previous.interrupt(); // cancels its request: the upstream closes that stream
      }
      ObjectNode filter = NODES.objectNode();
      ObjectNode wanted = filter.putObject("notifications");
      wanted.put("toolsListChanged", true);
      wanted.put("promptsListChanged", true);
      wanted.put("resourcesListChanged", true);
      if (!subscribed.isEmpty()) {
        subscribed.forEach(wanted.putArray("resourceSubscriptions")::add);
      }
      listener = Thread.ofVirtual().name("gateway-listen-" + upstream).start(() -> listen(filter));
    } finally {
      lock.unlock();
    }
  }

  /** Keeps one listen request open until this thread is interrupted. */
  private void listen(ObjectNode filter) {
    RequestOptions options = RequestOptions.defaults().withTimeout(LISTEN_TIMEOUT);
    while (!Thread.currentThread().isInterrupted()) {
      try {
        client.request(McpMethod.SUBSCRIPTIONS_LISTEN.wireName(), filter, options);
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        LOG.debug("the listen stream of upstream {} ended: {}", upstream, e.getMessage());
        try {
          Thread.sleep(LISTEN_RETRY); // a backoff, not a synchronization
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  /** Stops listening. */
  void close() {
    lock.lock();
    try {
      closed = true;
      Thread current = listener;
      listener = null;
      if (current != null) {
        current.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }
}
