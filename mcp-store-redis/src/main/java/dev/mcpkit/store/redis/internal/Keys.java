package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.StreamId;

/**
 * The Redis key layout, all under one prefix so that several deployments can share a server:
 *
 * <ul>
 *   <li>{@code <p>s:<session>} the session record (a JSON string, with a TTL);
 *   <li>{@code <p>e:<session>:<stream>} one MCP stream's SSE events (a Redis Stream, trimmed);
 *   <li>{@code <p>eq:<session>} the session's event sequence counter;
 *   <li>{@code <p>ei:<session>} the set of the session's stream keys, for dropping them all;
 *   <li>{@code <p>invalidations} the pub/sub channel announcing removed sessions;
 *   <li>{@code <p>bus} the pub/sub channel carrying messages between nodes;
 *   <li>{@code <p>t:<task>} a task record (a JSON string; with a TTL once the task ended);
 *   <li>{@code <p>ti} the index of task records (a sorted set scored by expiry, live ones {@code
 *       +inf}), which bounds their number;
 *   <li>{@code <p>th:<node>} a node's task heartbeat (a key with a TTL, refreshed while it lives);
 *   <li>{@code <p>tl:<node>} the ids of a node's live tasks (a set);
 *   <li>{@code <p>tn} the nodes that have live tasks (a set), for the dead-node sweep;
 *   <li>{@code <p>tasks} the pub/sub channel announcing changed task records;
 *   <li>{@code <p>c:<name>} a pub/sub channel of the application's own ({@code
 *       RedisStores.subscribe}, {@code publish}).
 * </ul>
 *
 * Session ids and stream ids are visible ASCII; a stream id never contains {@code ':'}, so the
 * stream key of one session never equals a key of another.
 *
 * <p>Immutable and thread-safe.
 */
public record Keys(String prefix) {
  /** Validates the prefix. */
  public Keys {
    requireNonNull(prefix, "prefix");
  }

  String session(SessionId id) {
    return prefix + "s:" + id.value();
  }

  String sessionPattern() {
    return prefix + "s:*";
  }

  String stream(SessionId id, StreamId stream) {
    return prefix + "e:" + id.value() + ":" + stream.value();
  }

  String sequence(SessionId id) {
    return prefix + "eq:" + id.value();
  }

  String streamIndex(SessionId id) {
    return prefix + "ei:" + id.value();
  }

  String invalidations() {
    return prefix + "invalidations";
  }

  String bus() {
    return prefix + "bus";
  }

  String task(String taskId) {
    return prefix + "t:" + taskId;
  }

  String taskIndex() {
    return prefix + "ti";
  }

  String heartbeat(String node) {
    return prefix + "th:" + node;
  }

  String nodeTasks(String node) {
    return prefix + "tl:" + node;
  }

  String taskNodes() {
    return prefix + "tn";
  }

  String taskChanges() {
    return prefix + "tasks";
  }

  /**
   * An application channel's full name.
   *
   * @param name the application's name for it
   * @return the channel
   */
  public String channel(String name) {
    return prefix + "c:" + name;
  }
}
