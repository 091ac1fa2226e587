package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.McpMethod;
import dev.mcpkit.api.client.InitializeResult;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.transport.stdio.McpStdioClient;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one child process of a stdio upstream, shared by every client session of the gateway, and
 * kept alive: started (and initialized) at first use, restarted with exponential backoff ({@link
 * UpstreamConfig.Restart}) whenever it dies. While it is down, every call fails at once with an
 * {@link McpClientException} that carries no JSON-RPC error, so the gateway answers its callers
 * with its own error quickly and the breaker counts the failure; calls in flight when it died fail
 * at once too ({@link McpStdioClient} fails them when the child's output closes).
 *
 * <p>What the child sends that belongs to no call of its own is routed by the client sessions'
 * calls in flight: a request (sampling, elicitation) or a log message goes to the session whose
 * call on this child started last and is still waiting, the way an HTTP upstream session routes to
 * the latest request of its one client session; list changes and resource updates go to every
 * session. The child's standard error goes to the log line by line, prefixed with the upstream's
 * name (logger {@code dev.mcpkit.transport.stdio.child}).
 *
 * <p>Thread-safe: the running child is an {@link AtomicReference} replaced only by the thread that
 * won the CAS; starts are serialized by a {@link ReentrantLock} (a start blocks on {@code
 * initialize}); the sessions and calls are concurrent collections.
 */
final class StdioChild implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StdioChild.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Notifications about the server as a whole: every client session hears them. */
  private static final Set<String> BROADCAST =
      Set.of(
          McpMethod.NOTIFICATIONS_TOOLS_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_RESOURCES_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_PROMPTS_LIST_CHANGED.wireName(),
          McpMethod.NOTIFICATIONS_RESOURCES_UPDATED.wireName());

  /** A started and initialized child. */
  record Running(McpStdioClient client, InitializeResult initialized, long startedNanos) {}

  private final UpstreamConfig config;
  private final String clientName;
  private final String clientVersion;
  private final AtomicReference<@Nullable Running> running = new AtomicReference<>();
  private final ReentrantLock starting = new ReentrantLock();
  private final AtomicInteger quickDeaths = new AtomicInteger();
  private final AtomicInteger starts = new AtomicInteger();
  private final Set<SharedStdioSession> sessions = ConcurrentHashMap.newKeySet();

  /** The sessions of the calls in flight, in the order the calls started (one entry per call). */
  private final Deque<SharedStdioSession> calling = new ConcurrentLinkedDeque<>();

  /** Whether a first start succeeded: from then on, restarts are the backoff's business. */
  private volatile boolean launched;

  private volatile boolean closed;
  private volatile @Nullable Thread restarter;

  StdioChild(UpstreamConfig config, String clientName, String clientVersion) {
    this.config = requireNonNull(config, "config");
    if (!config.isStdio()) {
      throw new IllegalArgumentException("upstream " + config.name() + " is not a stdio upstream");
    }
    this.clientName = requireNonNull(clientName, "clientName");
    this.clientVersion = requireNonNull(clientVersion, "clientVersion");
  }

  String name() {
    return config.name();
  }

  /** How many times the child was started successfully (1 until it first died). */
  int starts() {
    return starts.get();
  }

  /** The running child, or {@code null} while it is down or not started yet. */
  @Nullable Running current() {
    return running.get();
  }

  /** The child's process id, or -1 while it is down. */
  long pid() {
    Running current = running.get();
    return current == null ? -1 : current.client().pid();
  }

  /**
   * The running child; starts it on first use (blocking on its {@code initialize}).
   *
   * @throws McpClientException at once while the child is being restarted, or if the first start
   *     fails
   */
  Running ready() {
    Running current = running.get();
    if (current != null) {
      return current;
    }
    if (closed) {
      throw new UpstreamDownException("upstream " + name() + " is closed");
    }
    if (!launched) {
      starting.lock();
      try {
        current = running.get();
        if (current == null && !launched && !closed) {
          current = launch();
          launched = true;
        }
      } finally {
        starting.unlock();
      }
    }
    current = running.get();
    if (current == null) {
      throw new UpstreamDownException(
          "upstream " + name() + " is restarting after its process ended");
    }
    return current;
  }

  void attach(SharedStdioSession session) {
    sessions.add(session);
  }

  void detach(SharedStdioSession session) {
    sessions.remove(session);
  }

  /** Marks a call of a session as in flight, for the routing of what the child sends. */
  void enter(SharedStdioSession session) {
    calling.addLast(session);
  }

  void exit(SharedStdioSession session) {
    calling.removeLastOccurrence(session);
  }

  /** Starts and initializes a child; the caller holds {@link #starting}. */
  private Running launch() {
    McpStdioClient.Builder builder =
        McpStdioClient.builder(config.command())
            .name(config.name())
            .clientInfo(clientName, clientVersion)
            .requestTimeout(config.timeout())
            .maxLineBytes(config.maxMessageBytes())
            // Request-scoped server requests can be routed to the client session whose call
            // caused them; roots are session-scoped, and one child serves many sessions, so the
            // gateway does not declare them.
            .capability("sampling", NODES.objectNode())
            .capability("elicitation", NODES.objectNode())
            .onUnhandledRequest(this::onRequest)
            .onNotification(this::onNotification);
    config.environment().forEach(builder::environment);
    if (config.directory() != null) {
      builder.directory(config.directory());
    }
    McpStdioClient client = builder.build();
    InitializeResult initialized;
    try {
      initialized = client.initialize();
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    Running started = new Running(client, initialized, System.nanoTime());
    running.set(started);
    starts.incrementAndGet();
    client.disconnected().thenAccept(reason -> died(started, reason));
    return started;
  }

  /** The child ended: take it out and schedule its restart. Runs on the child's reader thread. */
  private void died(Running dead, String reason) {
    if (!running.compareAndSet(dead, null) || closed) {
      return;
    }
    Duration lived = Duration.ofNanos(System.nanoTime() - dead.startedNanos());
    if (lived.compareTo(config.restart().maxDelay()) > 0) {
      quickDeaths.set(0);
    }
    Duration delay = config.restart().delay(quickDeaths.getAndIncrement());
    LOG.warn(
        "upstream {} (pid {}) ended after {} ms: {}; restarting it in {} ms",
        name(),
        dead.client().pid(),
        lived.toMillis(),
        reason,
        delay.toMillis());
    scheduleRestart(delay, dead.client());
  }

  private void scheduleRestart(Duration delay, @Nullable McpStdioClient dead) {
    restarter =
        Thread.ofVirtual()
            .name("gateway-restart-" + name())
            .start(
                () -> {
                  if (dead != null) {
                    dead.close(); // reaps the process; quick, it has ended
                  }
                  try {
                    Thread.sleep(delay);
                  } catch (InterruptedException e) {
                    return; // closed meanwhile
                  }
                  restart();
                });
  }

  private void restart() {
    starting.lock();
    try {
      if (closed) {
        return;
      }
      Running started = launch();
      LOG.info("upstream {} restarted (pid {})", name(), started.client().pid());
    } catch (RuntimeException e) {
      Duration delay = config.restart().delay(quickDeaths.getAndIncrement());
      LOG.warn(
          "upstream {} did not start again: {}; next try in {} ms",
          name(),
          e.getMessage(),
          delay.toMillis());
      scheduleRestart(delay, null);
    } finally {
      starting.unlock();
    }
  }

  /** A server-to-client request: to the session whose call on this child started last. */
  private JsonNode onRequest(String method, JsonNode params) throws Exception {
    if (McpMethod.PING.wireName().equals(method)) {
      return NODES.objectNode();
    }
    SharedStdioSession caller = calling.peekLast();
    if (caller == null) {
      throw new McpClientException(
          "no client request in flight to carry " + method,
          JsonRpcError.of(
              JsonRpcError.INTERNAL_ERROR,
              "the gateway can pass " + method + " to a client only during one of its requests"),
          0,
          null);
    }
    return caller.callbacks().onRequest(method, params);
  }

  /**
   * A notification (progress excepted, which travels with its call): to every session, or to the
   * session whose call started last; to every session when none is calling.
   */
  private void onNotification(JsonRpcNotification notification) {
    SharedStdioSession caller =
        BROADCAST.contains(notification.method()) ? null : calling.peekLast();
    if (caller != null) {
      caller.callbacks().onNotification(notification);
      return;
    }
    for (SharedStdioSession session : sessions) {
      try {
        session.callbacks().onNotification(notification);
      } catch (RuntimeException e) {
        LOG.debug("passing {} of upstream {} on failed", notification.method(), name(), e);
      }
    }
  }

  /** Stops the child (its input closed, then signals) and every restart to come. */
  @Override
  public void close() {
    starting.lock();
    try {
      closed = true;
    } finally {
      starting.unlock();
    }
    Thread pending = restarter;
    if (pending != null) {
      pending.interrupt();
    }
    Running current = running.getAndSet(null);
    if (current != null) {
      current.client().close();
    }
  }
}
