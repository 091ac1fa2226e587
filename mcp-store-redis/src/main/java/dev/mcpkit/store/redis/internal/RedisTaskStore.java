package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.StoreUnavailableException;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.api.spi.TaskStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Task records in Redis, shared by every node: a task started on one node is read, answered and
 * cancelled on any other, and a task whose node died is reported failed.
 *
 * <h2>Layout</h2>
 *
 * Each record is one JSON string under {@code <p>t:<task>} (no TTL while live; once terminal, a TTL
 * ending at {@link TaskRecord#expiresAt()}); the sorted set {@code <p>ti} holds every task id
 * scored by its expiry ({@code +inf} while live); {@code <p>tl:<node>} holds the ids of a node's
 * live tasks and {@code <p>tn} the nodes that have some; {@code <p>th:<node>} is a node's
 * heartbeat.
 *
 * <h2>Correctness argument, clause by clause of the {@link TaskStore} contract</h2>
 *
 * <ul>
 *   <li><b>Durable create.</b> {@link #create} is one Lua script (atomic on the server) that writes
 *       the record, its index entry and the node's heartbeat, and returns only after Redis
 *       answered; every node reads the same server, so every later {@link #get} sees the record.
 *   <li><b>Atomic updates.</b> {@link #update} is a compare-and-set loop: it reads the stored JSON,
 *       applies the (pure) function, and writes with a script that replaces the value only if it is
 *       still exactly the JSON that was read; otherwise it reads again. Scripts run one at a time
 *       on the server, so the updates of one task are totally ordered across nodes, and {@link
 *       TaskRecord#end} keeps the first terminal status.
 *   <li><b>Change notification.</b> The same script that stores a change publishes the new record
 *       on {@code <p>tasks}, after the {@code SET}: no node can hear of a change before it is
 *       visible. Each node's subscription hands it to the watchers (on the connections' dispatcher
 *       thread); the node that made the change also calls its watchers directly, so a duplicate may
 *       arrive, which the contract allows. Pub/sub loses messages while a connection is down, so
 *       after every reconnection the store re-reads the live tasks of its own nodes and hands them
 *       to the watchers (the running handlers are on those nodes).
 *   <li><b>Expiry.</b> A terminal record's key expires with its time to live, and {@link #get} and
 *       {@link #update} also compare {@link TaskRecord#expiresAt()} with the clock, so expiry is
 *       exact at read time even before Redis drops the key. A live record has no TTL.
 *   <li><b>Bounded.</b> The create script first drops the index entries whose expiry passed, then
 *       refuses when the index still holds {@code capacity} ids; creation and the count are one
 *       atomic step, so concurrent creates on several nodes never overshoot.
 *   <li><b>Failed nodes.</b> Every node refreshes the heartbeat key of each engine node it created
 *       tasks for every {@code nodeTimeout / 3}, with a TTL of {@code nodeTimeout}. A node that
 *       stops (crash, kill, partition from Redis) lets its key expire at most {@code nodeTimeout}
 *       after its last refresh. From then on, (1) any {@link #get} of one of its live tasks finds
 *       the heartbeat gone and ends the task {@link TaskStatus#FAILED} ({@code -32603}, "the node
 *       running the task went away") through the same compare-and-set, so the failure is atomic
 *       with respect to a completion or cancellation racing it and the first terminal status wins;
 *       and (2) every live node sweeps, each {@code nodeTimeout / 3}, the nodes in {@code <p>tn}
 *       whose heartbeat is gone and fails their live tasks the same way, so even a task nobody
 *       polls ends (and is announced) within {@code nodeTimeout + nodeTimeout / 3} of its node's
 *       last heartbeat, and stops counting against the bound once its time to live passed. A node
 *       that was only paused longer than {@code nodeTimeout} finds its tasks failed when it comes
 *       back: its late completion loses to the failure, and its handler is cancelled through the
 *       watcher; its heartbeat resumes for tasks it starts afterwards.
 *   <li><b>Unavailable.</b> Every Redis failure surfaces as {@link StoreUnavailableException}
 *       (through {@link RedisConnections#call}).
 * </ul>
 *
 * <p>Thread-safe: the state shared between threads is in Redis (changed only by atomic scripts and
 * single commands), a concurrent set of this store's engine nodes, and a copy-on-write list of
 * watchers. One scheduler thread refreshes heartbeats and sweeps; {@link #close} stops it.
 */
public final class RedisTaskStore implements TaskStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);
  private static final int NODE_GONE = -32603;
  private static final String NODE_GONE_MESSAGE = "the node running the task went away";

  private static final String CREATE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
      redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
      if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 0 end
      if ARGV[7] == '' then
        redis.call('SET', KEYS[1], ARGV[1])
        redis.call('SADD', KEYS[4], ARGV[4])
        redis.call('SADD', KEYS[5], ARGV[8])
      else
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[7])
      end
      redis.call('ZADD', KEYS[2], ARGV[6], ARGV[4])
      redis.call('SET', KEYS[3], '1', 'PX', ARGV[5])
      return 1
      """;

  private static final String COMPARE_AND_SET =
      """
      if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
      if ARGV[3] == '' then
        redis.call('SET', KEYS[1], ARGV[2])
      else
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('ZADD', KEYS[2], ARGV[4], ARGV[6])
        redis.call('SREM', KEYS[3], ARGV[6])
      end
      redis.call('PUBLISH', ARGV[5], ARGV[2])
      return 1
      """;

  private static final String FORGET_NODE_IF_IDLE =
      """
      if redis.call('SCARD', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
      return 0
      """;

  private final RedisConnections redis;
  private final Keys keys;
  private final int capacity;
  private final long nodeTimeoutMillis;
  private final InstantSource clock;
  private final Set<String> localNodes = ConcurrentHashMap.newKeySet();
  private final CopyOnWriteArrayList<Consumer<TaskRecord>> watchers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean subscribed = new AtomicBoolean();
  private final ScheduledExecutorService heartbeats;

  /**
   * Creates the store and starts its heartbeat.
   *
   * @param redis the connections
   * @param keys the key layout
   * @param capacity the most task records kept at once, across all nodes; positive
   * @param nodeTimeout how long after its last heartbeat a node counts as dead; at least 30 ms
   * @param clock tells the time for expiry
   */
  public RedisTaskStore(
      RedisConnections redis, Keys keys, int capacity, Duration nodeTimeout, InstantSource clock) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    if (nodeTimeout.toMillis() < 30) {
      throw new IllegalArgumentException("nodeTimeout must be at least 30 ms, was " + nodeTimeout);
    }
    this.redis = requireNonNull(redis, "redis");
    this.keys = requireNonNull(keys, "keys");
    this.capacity = capacity;
    this.nodeTimeoutMillis = nodeTimeout.toMillis();
    this.clock = requireNonNull(clock, "clock");
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("mcpkit-redis-task-heartbeat").factory());
    long period = nodeTimeoutMillis / 3;
    heartbeats.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    redis.onReconnect(this::resynchronise);
  }

  @Override
  public boolean create(TaskRecord record) {
    requireNonNull(record, "record");
    localNodes.add(record.node());
    String json = TaskRecordCodec.encode(record);
    long now = clock.millis();
    Instant expires = record.expiresAt();
    String ttl = expires == null ? "" : Long.toString(ttlMillis(expires, now));
    Long outcome =
        redis.call(
            "create task " + record.taskId(),
            c ->
                c.eval(
                    CREATE,
                    ScriptOutputType.INTEGER,
                    new String[] {
                      keys.task(record.taskId()),
                      keys.taskIndex(),
                      keys.heartbeat(record.node()),
                      keys.nodeTasks(record.node()),
                      keys.taskNodes()
                    },
                    json,
                    Long.toString(now),
                    Integer.toString(capacity),
                    record.taskId(),
                    Long.toString(nodeTimeoutMillis),
                    score(expires),
                    ttl,
                    record.node()));
    long result = outcome == null ? 0 : outcome;
    if (result < 0) {
      throw new IllegalStateException("a task with id " + record.taskId() + " exists");
    }
    return result == 1;
  }

  @Override
  public Optional<TaskRecord> get(String taskId) {
    requireNonNull(taskId, "taskId");
    @Nullable Stored stored = read(taskId);
    if (stored == null) {
      return Optional.empty();
    }
    TaskRecord record = stored.record();
    if (!record.status().isTerminal() && !alive(record.node())) {
      return update(taskId, this::nodeGone);
    }
    return Optional.of(record);
  }

  @Override
  public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change) {
    requireNonNull(taskId, "taskId");
    requireNonNull(change, "change");
    while (true) {
      @Nullable Stored stored = read(taskId);
      if (stored == null) {
        return Optional.empty();
      }
      TaskRecord current = stored.record();
      TaskRecord next = requireNonNull(change.apply(current), "change returned null");
      if (next == current || next.equals(current)) {
        return Optional.of(current);
      }
      if (compareAndSet(stored.json(), next)) {
        for (Consumer<TaskRecord> watcher : watchers) {
          watcher.accept(next);
        }
        return Optional.of(next);
      }
    }
  }

  @Override
  public void watch(Consumer<TaskRecord> watcher) {
    watchers.add(requireNonNull(watcher, "watcher"));
    if (subscribed.compareAndSet(false, true)) {
      try {
        redis.subscribe(keys.taskChanges(), this::announced);
      } catch (StoreUnavailableException e) {
        subscribed.set(false); // the next watch tries again
        throw e;
      }
    }
  }

  /** Stops the heartbeat; the records stay in Redis, and this node's live tasks fail elsewhere. */
  @Override
  public void close() {
    heartbeats.shutdownNow();
  }

  /** A record as stored, with the exact JSON it was read as (the compare-and-set's witness). */
  private record Stored(String json, TaskRecord record) {}

  private @Nullable Stored read(String taskId) {
    String json = redis.call("GET task " + taskId, c -> c.get(keys.task(taskId)));
    if (json == null) {
      return null;
    }
    TaskRecord record;
    try {
      record = TaskRecordCodec.decode(json);
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable task record under {}", keys.task(taskId), e);
      return null;
    }
    Instant expires = record.expiresAt();
    if (expires != null && !clock.instant().isBefore(expires)) {
      return null;
    }
    return new Stored(json, record);
  }

  private boolean compareAndSet(String expected, TaskRecord next) {
    String json = TaskRecordCodec.encode(next);
    Instant expires = next.expiresAt();
    String ttl = expires == null ? "" : Long.toString(ttlMillis(expires, clock.millis()));
    Long won =
        redis.call(
            "update task " + next.taskId(),
            c ->
                c.eval(
                    COMPARE_AND_SET,
                    ScriptOutputType.INTEGER,
                    new String[] {
                      keys.task(next.taskId()), keys.taskIndex(), keys.nodeTasks(next.node())
                    },
                    expected,
                    json,
                    ttl,
                    score(expires),
                    keys.taskChanges(),
                    next.taskId()));
    return won != null && won == 1;
  }

  private boolean alive(String node) {
    if (localNodes.contains(node)) {
      return true; // this process runs it; its own heartbeat is refreshed here
    }
    Long exists = redis.call("EXISTS heartbeat", c -> c.exists(keys.heartbeat(node)));
    return exists != null && exists > 0;
  }

  private TaskRecord nodeGone(TaskRecord current) {
    JsonNode error =
        JsonNodeFactory.instance
            .objectNode()
            .put("code", NODE_GONE)
            .put("message", NODE_GONE_MESSAGE);
    return current.end(TaskStatus.FAILED, null, error, NODE_GONE_MESSAGE, clock.instant());
  }

  private static long ttlMillis(Instant expires, long nowMillis) {
    return Math.max(1, expires.toEpochMilli() - nowMillis);
  }

  private static String score(@Nullable Instant expires) {
    return expires == null ? "+inf" : Long.toString(expires.toEpochMilli());
  }

  /** A message on the changes channel: a changed record, from any node. */
  private void announced(String json) {
    TaskRecord record;
    try {
      record = TaskRecordCodec.decode(json);
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable task change", e);
      return;
    }
    for (Consumer<TaskRecord> watcher : watchers) {
      watcher.accept(record);
    }
  }

  /** Each {@code nodeTimeout / 3}: refreshes this process's heartbeats, then sweeps dead nodes. */
  private void beat() {
    try {
      for (String node : localNodes) {
        redis.call(
            "heartbeat",
            c ->
                c.set(
                    keys.heartbeat(node),
                    "1",
                    io.lettuce.core.SetArgs.Builder.px(nodeTimeoutMillis)));
      }
      sweep();
    } catch (StoreUnavailableException e) {
      LOG.debug("task heartbeat skipped: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("task heartbeat failed", e);
    }
  }

  /** Fails the live tasks of every node whose heartbeat expired. */
  private void sweep() {
    Set<String> nodes = redis.call("SMEMBERS task nodes", c -> c.smembers(keys.taskNodes()));
    for (String node : nodes) {
      if (alive(node)) {
        continue;
      }
      Set<String> ids = redis.call("SMEMBERS node tasks", c -> c.smembers(keys.nodeTasks(node)));
      for (String id : ids) {
        if (get(id).filter(r -> !r.status().isTerminal()).isEmpty()) {
          // Failed now (the script removed it) or gone: make sure it leaves the set.
          redis.call("SREM node task", c -> c.srem(keys.nodeTasks(node), id));
        }
      }
      redis.call(
          "forget node",
          c ->
              c.eval(
                  FORGET_NODE_IF_IDLE,
                  ScriptOutputType.INTEGER,
                  new String[] {keys.nodeTasks(node), keys.taskNodes()},
                  node));
    }
  }

  /** After a reconnection: changes announced meanwhile were lost; re-announce our live tasks. */
  private void resynchronise() {
    for (String node : localNodes) {
      try {
        Set<String> ids = redis.call("SMEMBERS node tasks", c -> c.smembers(keys.nodeTasks(node)));
        for (String id : ids) {
          get(id)
              .ifPresent(
                  record -> {
                    for (Consumer<TaskRecord> watcher : watchers) {
                      watcher.accept(record);
                    }
                  });
        }
      } catch (StoreUnavailableException e) {
        LOG.debug("task resynchronisation skipped: {}", e.getMessage());
      }
    }
  }
}
