package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.spi.SessionRecord;
import dev.mcpkit.api.spi.SessionStore;
import dev.mcpkit.api.spi.StoreUnavailableException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Session records in Redis, one JSON string per session with a server-side TTL, shared by every
 * node.
 *
 * <h2>Expiry: the TTL is the cluster's idle clock</h2>
 *
 * Each record's key lives {@code idleTimeout + refresh + granularity} after the last refresh of its
 * TTL, capped at the session's absolute lifetime deadline ({@code createdAt + maxLifetime}). A
 * node's manager forwards a touch at most once per touch granularity per session; this store
 * refreshes the TTL ({@code PEXPIRE}, asynchronous, nobody waits) only when the last refresh it
 * made is at least {@code refresh} old, so a busy session costs one Redis write per {@code refresh}
 * per node, not one per request. Hence a session's key expires between {@code idleTimeout} and
 * {@code idleTimeout + refresh + granularity} after its last request on any node: the refresh made
 * before that request is at most {@code refresh + granularity} older than it, and the TTL covers
 * exactly that slack.
 *
 * <p>{@link #load} reports as {@code lastActivity} the latest time consistent with the key's
 * remaining TTL ({@code now + pttl - idleTimeout}, at most now, at least the stored value). A
 * manager whose own idle deadline passed checks the record (see {@code SessionStore}); adopting
 * that time makes its next deadline coincide with the key's expiry, so the check happens about once
 * per expiring session.
 *
 * <h2>Removal everywhere</h2>
 *
 * {@link #delete(SessionId, CloseReason)} deletes the key and, only if it existed, publishes {@code
 * "<reason> <id>"} on the invalidation channel, atomically (one Lua script): every node's {@link
 * Watcher} closes its local copy, and the nodes closing it in turn delete nothing and publish
 * nothing, so there is no echo. A dead session is therefore served by another node for at most the
 * pub/sub delivery latency (sub-millisecond on a LAN) after the delete returned. Pub/sub is
 * fire-and-forget: if the subscription connection drops, messages are lost, so after every
 * reconnection the watcher resynchronises (checks each local copy against Redis) and the deletes
 * that failed while Redis was unreachable are retried. Keys that expire need no message: each node
 * finds the record gone when its own idle deadline passes.
 *
 * <p>Thread-safe: Redis commands are atomic (multi-key steps are Lua scripts); the per-node table
 * of refreshes is a {@link ConcurrentHashMap} updated with single atomic operations.
 */
public final class RedisSessionStore implements SessionStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSessionStore.class);

  private static final String LOAD =
      """
      local v = redis.call('GET', KEYS[1])
      if not v then return nil end
      return {v, redis.call('PTTL', KEYS[1])}
      """;
  private static final String DELETE =
      """
      if redis.call('DEL', KEYS[1]) == 1 then
        redis.call('PUBLISH', ARGV[1], ARGV[2])
        return 1
      end
      return 0
      """;

  /** What this node last did to a record: its creation time and when it last refreshed its TTL. */
  private record Refreshed(long createdAtMillis, long refreshedAtMillis) {}

  private final RedisConnections redis;
  private final Keys keys;
  private final InstantSource clock;
  private final long idleMillis;
  private final long lifetimeMillis;
  private final long refreshMillis;
  private final long ttlMillis;
  private final ConcurrentHashMap<SessionId, Refreshed> refreshed = new ConcurrentHashMap<>();

  /**
   * Deletes that failed while Redis was unreachable, with their reasons; retried on reconnection.
   */
  private final Map<SessionId, CloseReason> pendingDeletes = new ConcurrentHashMap<>();

  private volatile @Nullable Watcher watcher;
  private static final int PURGE_EVERY_MASK = 1023;
  private final java.util.concurrent.atomic.AtomicLong saves =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Creates the store.
   *
   * @param redis the connections
   * @param keys the key layout
   * @param policy the sessions' idle timeout, lifetime and touch granularity (the managers' policy)
   * @param refresh the least time between two TTL refreshes of one session by this node
   * @param clock the time source (the managers' clock)
   */
  public RedisSessionStore(
      RedisConnections redis,
      Keys keys,
      SessionPolicy policy,
      Duration refresh,
      InstantSource clock) {
    this.redis = requireNonNull(redis, "redis");
    this.keys = requireNonNull(keys, "keys");
    this.clock = requireNonNull(clock, "clock");
    this.idleMillis = policy.idleTimeout().toMillis();
    this.lifetimeMillis = policy.maxLifetime().toMillis();
    this.refreshMillis = requireNonNull(refresh, "refresh").toMillis();
    this.ttlMillis = idleMillis + refreshMillis + policy.touchGranularity().toMillis();
    redis.onReconnect(this::afterReconnect);
  }

  /**
   * How long a record lives after a refresh at {@code nowMillis}: the idle TTL, capped by the
   * lifetime.
   */
  private long ttlAt(long createdAtMillis, long nowMillis) {
    return Math.min(ttlMillis, createdAtMillis + lifetimeMillis - nowMillis);
  }

  @Override
  public void save(SessionRecord record) {
    requireNonNull(record, "record");
    long now = clock.millis();
    long created = record.createdAt().toEpochMilli();
    long ttl = ttlAt(created, now);
    String key = keys.session(record.id());
    if (ttl <= 0) {
      redis.call("DEL " + record.id(), c -> c.del(key));
      refreshed.remove(record.id());
      return;
    }
    String json = SessionRecordCodec.encode(record);
    redis.call("SET " + record.id(), c -> c.set(key, json, SetArgs.Builder.px(ttl)));
    refreshed.put(record.id(), new Refreshed(created, now));
    if ((saves.incrementAndGet() & PURGE_EVERY_MASK) == 0) {
      purge(now);
    }
  }

  /**
   * Forgets refreshes whose key has surely expired since (sessions this node stopped serving
   * without deleting them: evicted here, served elsewhere). Amortised: one pass per {@code
   * PURGE_EVERY_MASK + 1} saves, so the table stays about as large as the set of sessions this node
   * serves.
   */
  private void purge(long nowMillis) {
    refreshed.entrySet().removeIf(e -> e.getValue().refreshedAtMillis() + ttlMillis < nowMillis);
  }

  @Override
  public Optional<SessionRecord> load(SessionId id) {
    requireNonNull(id, "id");
    String key = keys.session(id);
    List<Object> found =
        redis.call("load " + id, c -> c.eval(LOAD, ScriptOutputType.MULTI, new String[] {key}));
    if (found == null || found.size() < 2) {
      refreshed.remove(id);
      return Optional.empty();
    }
    long now = clock.millis();
    long pttl = found.get(1) instanceof Long l ? l : -1;
    Instant vouched = Instant.ofEpochMilli(pttl < 0 ? now : Math.min(now, now + pttl - idleMillis));
    SessionRecord record;
    try {
      record = SessionRecordCodec.decode((String) found.get(0), vouched);
    } catch (RuntimeException e) {
      LOG.warn("ignoring an unreadable session record under {}", key, e);
      return Optional.empty();
    }
    long refreshedAt = pttl < 0 ? now : now + pttl - ttlMillis;
    refreshed.putIfAbsent(id, new Refreshed(record.createdAt().toEpochMilli(), refreshedAt));
    return Optional.of(record);
  }

  @Override
  public boolean delete(SessionId id) {
    return delete(id, CloseReason.CLIENT_REQUEST);
  }

  @Override
  public boolean delete(SessionId id, CloseReason reason) {
    requireNonNull(id, "id");
    requireNonNull(reason, "reason");
    refreshed.remove(id);
    try {
      Long deleted =
          redis.call(
              "delete " + id,
              c ->
                  c.eval(
                      DELETE,
                      ScriptOutputType.INTEGER,
                      new String[] {keys.session(id)},
                      keys.invalidations(),
                      reason.name() + " " + id.value()));
      pendingDeletes.remove(id);
      return deleted != null && deleted == 1L;
    } catch (StoreUnavailableException e) {
      pendingDeletes.put(
          id, reason); // retried when Redis is back, so no other node keeps serving it
      throw e;
    }
  }

  @Override
  public void touch(SessionId id, Instant lastActivity) {
    long at = lastActivity.toEpochMilli();
    Refreshed last = refreshed.get(id);
    if (last == null || at - last.refreshedAtMillis() < refreshMillis) {
      return; // not ours (never saved or loaded here), or refreshed recently enough
    }
    // One refresh per interval even when several threads get here: the replace elects the writer.
    if (!refreshed.replace(id, last, new Refreshed(last.createdAtMillis(), at))) {
      return;
    }
    long ttl = ttlAt(last.createdAtMillis(), at);
    if (ttl <= 0) {
      return; // the lifetime deadline passed; the key expires by itself
    }
    try {
      redis
          .async()
          .pexpire(keys.session(id), ttl)
          .whenComplete(
              (set, failure) -> {
                if (failure != null) {
                  LOG.debug(
                      "TTL refresh of session {} failed; the next touch retries", id, failure);
                  refreshed.replace(id, new Refreshed(last.createdAtMillis(), at), last);
                } else if (Boolean.FALSE.equals(set)) {
                  gone(id, CloseReason.IDLE_EXPIRED); // the key expired or was deleted meanwhile
                }
              });
    } catch (RuntimeException e) {
      LOG.debug("TTL refresh of session {} failed; the next touch retries", id, e);
      refreshed.replace(id, new Refreshed(last.createdAtMillis(), at), last);
    }
  }

  @Override
  public void scan(Consumer<? super SessionRecord> action) {
    requireNonNull(action, "action");
    ScanCursor cursor = ScanCursor.INITIAL;
    ScanArgs args = ScanArgs.Builder.matches(keys.sessionPattern()).limit(500);
    do {
      ScanCursor from = cursor;
      var page = redis.call("SCAN", c -> c.scan(from, args));
      for (String key : page.getKeys()) {
        String id = key.substring(keys.prefix().length() + 2); // after "<prefix>s:"
        if (SessionId.isValid(id)) {
          load(SessionId.of(id)).ifPresent(action);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
  }

  @Override
  public void watch(Watcher watcher) {
    this.watcher = requireNonNull(watcher, "watcher");
    redis.subscribe(keys.invalidations(), this::onInvalidation);
  }

  /** {@code "<reason> <id>"} from the invalidation channel; runs on the dispatcher thread. */
  private void onInvalidation(String message) {
    int space = message.indexOf(' ');
    if (space <= 0) {
      return;
    }
    String id = message.substring(space + 1);
    CloseReason reason;
    try {
      reason = CloseReason.valueOf(message.substring(0, space));
    } catch (IllegalArgumentException e) {
      reason = CloseReason.CLIENT_REQUEST;
    }
    if (SessionId.isValid(id)) {
      SessionId sessionId = SessionId.of(id);
      refreshed.remove(sessionId);
      Watcher w = watcher;
      if (w != null) {
        w.removed(sessionId, reason);
      }
    }
  }

  /** A refresh found the key gone: close the local copy, off the I/O thread. */
  private void gone(SessionId id, CloseReason reason) {
    refreshed.remove(id);
    Watcher w = watcher;
    if (w != null) {
      Thread.ofVirtual().name("mcpkit-redis-gone").start(() -> w.removed(id, reason));
    }
  }

  /**
   * Redis is back: retry the deletes that failed, then check every local copy. The pub/sub
   * connection (whose re-subscription calls this) and the command connection reconnect
   * independently, so this first waits until commands go through again (or gives up after about a
   * minute, when the next reconnection will call it again).
   */
  private void afterReconnect() {
    if (!redis.awaitCommands(Duration.ofMinutes(1))) {
      LOG.warn("Redis commands still fail after the pub/sub connection came back; resync skipped");
      return;
    }
    pendingDeletes.forEach(
        (id, reason) -> {
          try {
            delete(id, reason);
          } catch (StoreUnavailableException e) {
            LOG.debug(
                "retrying the delete of session {} failed; the next reconnection retries", id, e);
          }
        });
    Watcher w = watcher;
    if (w != null) {
      w.resync();
    }
  }

  /**
   * How long a record lives after a refresh, for tests and documentation.
   *
   * @return the TTL in milliseconds
   */
  public long ttlMillis() {
    return ttlMillis;
  }
}
