package dev.mcpkit.store.redis;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.api.spi.TaskStore;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.store.redis.internal.ClusteredEngine;
import dev.mcpkit.store.redis.internal.Keys;
import dev.mcpkit.store.redis.internal.RedisConnections;
import dev.mcpkit.store.redis.internal.RedisEventStore;
import dev.mcpkit.store.redis.internal.RedisSessionStore;
import dev.mcpkit.store.redis.internal.RedisTaskStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Redis-backed stores for MCP sessions, SSE events and tasks, shared by every node of a deployment:
 * run several servers behind a load balancer without sticky sessions, and restart any of them
 * without losing a session. Works with Redis 7+ and Valkey (standalone or behind Sentinel; not
 * Redis Cluster, whose key slots the multi-key scripts do not respect).
 *
 * {@snippet :
 * SessionPolicy policy = SessionPolicy.builder().idleTimeout(Duration.ofMinutes(30)).build();
 * try (RedisStores redis = RedisStores.builder("redis://127.0.0.1:6379").policy(policy).build()) {
 *   SessionManager sessions = SessionManagers.builder()
 *       .policy(policy)                              // the same policy: the TTLs follow it
 *       .store(redis.sessionStore())
 *       .build();
 *   McpEngine engine = redis.cluster(McpEngines.builder(config, sessions).events(redis.eventStore()).build());
 *   // ... McpHttpServer.builder().engine(engine) ...
 * }
 * }
 *
 * <p>What each store guarantees (TTLs, the staleness bound of removals, trimming) is described in
 * {@code README.md} ("Running several nodes behind a load balancer"). Both stores fail fast with
 * {@link StoreUnavailableException} while Redis is unreachable (the transport answers 503) and
 * recover by themselves when it is back.
 *
 * <p>Thread-safe; one instance per process, closed at shutdown (after the servers and managers that
 * use it).
 */
public final class RedisStores implements AutoCloseable {
  private final RedisConnections connections;
  private final Keys keys;
  private final RedisSessionStore sessionStore;
  private final RedisEventStore eventStore;
  private final RedisTaskStore taskStore;

  private RedisStores(Builder b) {
    this.keys = new Keys(b.keyPrefix);
    this.connections = RedisConnections.connect(b.uri, b.commandTimeout);
    Duration refresh = b.refresh != null ? b.refresh : defaultRefresh(b.policy);
    this.sessionStore = new RedisSessionStore(connections, this.keys, b.policy, refresh, b.clock);
    long eventTtl = b.eventTtl != null ? b.eventTtl.toMillis() : sessionStore.ttlMillis();
    this.eventStore = new RedisEventStore(connections, this.keys, b.maxEventsPerStream, eventTtl);
    this.taskStore =
        new RedisTaskStore(connections, this.keys, b.taskCapacity, b.nodeTimeout, b.clock);
  }

  /** A tenth of the idle timeout, between one second and one minute. */
  private static Duration defaultRefresh(SessionPolicy policy) {
    Duration tenth = policy.idleTimeout().dividedBy(10);
    Duration min = Duration.ofSeconds(1);
    Duration max = Duration.ofMinutes(1);
    return tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
  }

  /**
   * Starts a builder.
   *
   * @param uri the Redis server, e.g. {@code redis://127.0.0.1:6379/0} or {@code
   *     rediss://:password@host:6380} (Lettuce URI syntax)
   * @return the builder
   */
  public static Builder builder(String uri) {
    return new Builder(uri);
  }

  /**
   * The session store; pass it to this node's session manager. One manager per instance: the store
   * tells the manager that registered last about sessions removed elsewhere, so each node (each
   * manager) gets a {@code RedisStores} of its own, as the connections are per node anyway.
   *
   * @return the store
   */
  public SessionStore sessionStore() {
    return sessionStore;
  }

  /**
   * The SSE event store; pass it to this node's engine (or server).
   *
   * @return the store
   */
  public EventStore eventStore() {
    return eventStore;
  }

  /**
   * The task store (tool calls made as tasks, the {@code io.modelcontextprotocol/tasks} extension);
   * pass it to this node's engine with {@code McpEngines.builder(...).tasks(redis.taskStore())}. A
   * task started on one node is polled, answered, cancelled and fetched on any node sharing the
   * Redis. Each node heartbeats while this instance is open; a node gone for longer than the
   * {@linkplain Builder#nodeTimeout node timeout} has its live tasks reported {@code failed}
   * ({@code -32603}) on the other nodes within about {@code 4/3} of that timeout. Finished tasks
   * expire with their time to live; at most {@linkplain Builder#taskCapacity the capacity} are kept
   * at once.
   *
   * {@snippet :
   * McpEngine engine = redis.cluster(McpEngines.builder(config, sessions)
   *     .events(redis.eventStore())
   *     .tasks(redis.taskStore())
   *     .build());
   * }
   *
   * @return the store
   */
  public TaskStore taskStore() {
    return taskStore;
  }

  /**
   * Makes an engine part of the cluster of nodes sharing this Redis: client answers to
   * server-to-client requests (sampling, elicitation) reach the node whose tool waits for them,
   * subscriptions are known on every node, and server notifications reach GET streams held by any
   * node. Pass the result to the server instead of {@code engine}. The engine itself must have been
   * created with this instance's stores.
   *
   * @param engine this node's engine
   * @return the engine to serve
   */
  public McpEngine cluster(McpEngine engine) {
    return new ClusteredEngine(TransportEngine.of(engine), connections, keys);
  }

  /**
   * Subscribes a handler to a pub/sub channel of the application's own, for messages between the
   * nodes sharing this Redis (the stores' own channels are apart: the name is put under the key
   * prefix as {@code <prefix>c:<channel>}). Lettuce subscribes the channel again after a
   * reconnection; messages published meanwhile are lost (pub/sub is at-most-once), so a protocol
   * built on it needs its own timeouts. One handler per channel; it runs on this instance's one
   * dispatcher thread, in arrival order, so it must hand anything slow to a thread of its own. The
   * subscription lasts until {@link #close}.
   *
   * {@snippet :
   * redis.subscribe("node-" + myId, message -> inbox.add(message));
   * long heard = redis.publish("node-" + otherId, "hello"); // 0: nobody listens there
   * }
   *
   * @param channel the channel's name, under the key prefix
   * @param handler gets each message
   * @throws StoreUnavailableException if Redis cannot be reached now
   */
  public void subscribe(String channel, Consumer<String> handler) {
    requireNonNull(channel, "channel");
    requireNonNull(handler, "handler");
    connections.subscribe(keys.channel(channel), handler);
  }

  /**
   * Publishes a message on a channel of the application's own ({@link #subscribe}), and says how
   * many subscribers got it: Redis counts the connections subscribed at that moment, so {@code 0}
   * means nobody listens on the channel (a node that stopped or died, once Redis noticed its
   * connection close), while a positive count says only that it was handed to them.
   *
   * @param channel the channel's name, under the key prefix
   * @param message the message
   * @return how many subscribers received it
   * @throws StoreUnavailableException if Redis cannot be reached now
   */
  public long publish(String channel, String message) {
    requireNonNull(channel, "channel");
    requireNonNull(message, "message");
    String full = keys.channel(channel);
    Long heard = connections.call("PUBLISH " + full, redis -> redis.publish(full, message));
    return heard == null ? 0 : heard;
  }

  /**
   * Stops this node's task heartbeat and closes the connections. Records and events stay in Redis;
   * tasks still running here are reported failed elsewhere once the node timeout passed.
   */
  @Override
  public void close() {
    taskStore.close();
    connections.close();
  }

  /** Configures {@link RedisStores}; not thread-safe. */
  public static final class Builder {
    private final String uri;
    private String keyPrefix = "mcpkit:";
    private SessionPolicy policy = SessionPolicy.defaults();
    private Duration commandTimeout = Duration.ofSeconds(2);
    private @Nullable Duration refresh; // null: derived from the policy in build()
    private @Nullable Duration eventTtl; // null: the session record's TTL
    private int maxEventsPerStream = 1_000;
    private InstantSource clock = InstantSource.system();
    private int taskCapacity = 10_000;
    private Duration nodeTimeout = Duration.ofSeconds(10);

    private Builder(String uri) {
      this.uri = requireNonNull(uri, "uri");
      if (!uri.startsWith("redis://")
          && !uri.startsWith("rediss://")
          && !uri.startsWith("redis-sentinel://")) {
        throw new IllegalArgumentException(
            "uri must start with redis://, rediss:// or redis-sentinel://, was " + uri);
      }
    }

    /**
     * Sets the prefix of every key and channel, so several deployments can share a server.
     *
     * @param keyPrefix the prefix; default {@code mcpkit:}
     * @return this builder
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Sets the session policy the managers use; the record TTLs follow its idle timeout, lifetime
     * and touch granularity. Default {@link SessionPolicy#defaults()}.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(SessionPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets how long a command may wait for Redis before it fails with {@link
     * StoreUnavailableException}.
     *
     * @param commandTimeout positive; default 2 s
     * @return this builder
     */
    public Builder commandTimeout(Duration commandTimeout) {
      requireNonNull(commandTimeout, "commandTimeout");
      if (commandTimeout.isNegative() || commandTimeout.isZero()) {
        throw new IllegalArgumentException(
            "commandTimeout must be positive, was " + commandTimeout);
      }
      this.commandTimeout = commandTimeout;
      return this;
    }

    /**
     * Sets the least time between two TTL refreshes of one session by one node. Longer means fewer
     * Redis writes and a later expiry (a session expires at most this much after its idle timeout).
     *
     * @param refresh positive; default a tenth of the idle timeout, between 1 s and 1 min
     * @return this builder
     */
    public Builder refreshInterval(Duration refresh) {
      requireNonNull(refresh, "refresh");
      if (refresh.isNegative() || refresh.isZero()) {
        throw new IllegalArgumentException("refreshInterval must be positive, was " + refresh);
      }
      this.refresh = refresh;
      return this;
    }

    /**
     * Sets about how many events each SSE stream keeps for resumption (older ones are trimmed).
     *
     * @param maxEventsPerStream positive; default 1,000
     * @return this builder
     */
    public Builder maxEventsPerStream(int maxEventsPerStream) {
      if (maxEventsPerStream < 1) {
        throw new IllegalArgumentException(
            "maxEventsPerStream must be positive, was " + maxEventsPerStream);
      }
      this.maxEventsPerStream = maxEventsPerStream;
      return this;
    }

    /**
     * Sets how long a session's events live after its latest append, in case no node drops them.
     *
     * @param eventTtl positive; default the session record's TTL
     * @return this builder
     */
    public Builder eventTtl(Duration eventTtl) {
      requireNonNull(eventTtl, "eventTtl");
      if (eventTtl.isNegative() || eventTtl.isZero()) {
        throw new IllegalArgumentException("eventTtl must be positive, was " + eventTtl);
      }
      this.eventTtl = eventTtl;
      return this;
    }

    /**
     * Sets the most task records kept at once across all nodes (live ones, and finished ones until
     * their time to live passed); a full store refuses new tasks.
     *
     * @param taskCapacity positive; default 10,000
     * @return this builder
     */
    public Builder taskCapacity(int taskCapacity) {
      if (taskCapacity < 1) {
        throw new IllegalArgumentException("taskCapacity must be positive, was " + taskCapacity);
      }
      this.taskCapacity = taskCapacity;
      return this;
    }

    /**
     * Sets how long after its last heartbeat a node counts as dead: its live tasks are then
     * reported failed by the other nodes. Heartbeats are sent every third of it; a node cut off
     * from Redis longer than this loses its running tasks.
     *
     * @param nodeTimeout at least 30 ms; default 10 s
     * @return this builder
     */
    public Builder nodeTimeout(Duration nodeTimeout) {
      requireNonNull(nodeTimeout, "nodeTimeout");
      if (nodeTimeout.toMillis() < 30) {
        throw new IllegalArgumentException(
            "nodeTimeout must be at least 30 ms, was " + nodeTimeout);
      }
      this.nodeTimeout = nodeTimeout;
      return this;
    }

    /**
     * Sets the time source (the managers' clock; tests pass a manual one).
     *
     * @param clock the clock; default the system clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Connects and builds the stores.
     *
     * @return the stores
     * @throws StoreUnavailableException if Redis cannot be reached
     */
    public RedisStores build() {
      return new RedisStores(this);
    }
  }
}
