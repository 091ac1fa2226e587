package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.spi.EventId;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.StoredEvent;
import dev.mcpkit.api.spi.StreamId;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SSE events in Redis Streams, one Redis Stream per MCP stream, so that a client can resume a
 * stream with {@code Last-Event-ID} on any node.
 *
 * <p><b>Ids.</b> A per-session counter ({@code INCR}) gives every event its sequence number, unique
 * across the session's streams on every node; the entry's Redis id is {@code <sequence>-0}, so
 * entries of one stream are ordered by sequence and a {@link EventId} maps to exactly one entry.
 * The counter, the {@code XADD}, the stream index and the TTLs are one Lua script: an append is
 * atomic, and two appends to one stream are ordered as the server ran them (so along a stream,
 * sequences increase in append order, as the SPI demands).
 *
 * <p><b>Bounds.</b> Each stream is trimmed to about {@code maxEventsPerStream} entries ({@code
 * MAXLEN ~}, which trims oldest first, in whole macro nodes) and every key of the session expires
 * {@code eventTtl} after the session's latest append, so a session that no node dropped (all nodes
 * crashed) does not stay forever.
 *
 * <p><b>Replay.</b> One Lua script checks that the {@code Last-Event-ID}'s own entry is still in
 * its stream and returns the entries after it: if that entry is there, nothing after it was trimmed
 * (trims remove the oldest entries), so the replay has no gap; if it is not (never issued, trimmed,
 * dropped, another session's stream), the store answers {@link #NOT_REPLAYABLE}. The stream key is
 * built from the request's session and the id's stream, so a replay never reads another session's
 * or stream's events.
 *
 * <p>Thread-safe: every operation is one atomic Redis script or command on a thread-safe
 * connection. Failures surface as {@link dev.mcpkit.api.spi.StoreUnavailableException}.
 */
public final class RedisEventStore implements EventStore {
  private static final String APPEND =
      """
      local seq = redis.call('INCR', KEYS[1])
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'd', ARGV[1])
      redis.call('SADD', KEYS[3], KEYS[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('PEXPIRE', KEYS[2], ARGV[3])
      redis.call('PEXPIRE', KEYS[3], ARGV[3])
      return seq
      """;
  private static final String REPLAY =
      """
      local last = ARGV[1] .. '-0'
      if #redis.call('XRANGE', KEYS[1], last, last) == 0 then return {0} end
      if ARGV[2] == '1' then return {1} end
      return {1, redis.call('XRANGE', KEYS[1], '(' .. last, '+')}
      """;
  private static final String DROP_STREAM =
      """
      redis.call('SREM', KEYS[2], KEYS[1])
      return redis.call('DEL', KEYS[1])
      """;
  private static final String DROP_SESSION =
      """
      local streams = redis.call('SMEMBERS', KEYS[2])
      for _, key in ipairs(streams) do redis.call('DEL', key) end
      return redis.call('DEL', KEYS[1], KEYS[2])
      """;

  private final RedisConnections redis;
  private final Keys keys;
  private final String maxEvents;
  private final String ttlMillis;

  /**
   * Creates the store.
   *
   * @param redis the connections
   * @param keys the key layout
   * @param maxEventsPerStream about how many events each stream keeps
   * @param eventTtlMillis how long a session's events live after its latest append
   */
  public RedisEventStore(
      RedisConnections redis, Keys keys, int maxEventsPerStream, long eventTtlMillis) {
    this.redis = requireNonNull(redis, "redis");
    this.keys = requireNonNull(keys, "keys");
    if (maxEventsPerStream < 1 || eventTtlMillis < 1) {
      throw new IllegalArgumentException("maxEventsPerStream and eventTtl must be positive");
    }
    this.maxEvents = Integer.toString(maxEventsPerStream);
    this.ttlMillis = Long.toString(eventTtlMillis);
  }

  @Override
  public EventId append(SessionId session, StreamId stream, String message) {
    requireNonNull(session, "session");
    requireNonNull(stream, "stream");
    requireNonNull(message, "message");
    Long seq =
        redis.call(
            "append an event",
            c ->
                c.eval(
                    APPEND,
                    ScriptOutputType.INTEGER,
                    new String[] {
                      keys.sequence(session),
                      keys.stream(session, stream),
                      keys.streamIndex(session)
                    },
                    message,
                    maxEvents,
                    ttlMillis));
    return new EventId(stream, requireNonNull(seq, "sequence"));
  }

  @Override
  public Optional<StreamId> streamOf(SessionId session, EventId lastEventId) {
    return found(replay(session, lastEventId, true))
        ? Optional.of(lastEventId.stream())
        : Optional.empty();
  }

  /**
   * The replay script answers {@code {0}} when the id's entry is gone, {@code {1, entries?}}
   * otherwise.
   */
  private static boolean found(@org.jspecify.annotations.Nullable List<Object> answer) {
    return answer != null && !answer.isEmpty() && answer.get(0) instanceof Long flag && flag == 1L;
  }

  @Override
  public int replayAfter(
      SessionId session, EventId lastEventId, Consumer<? super StoredEvent> sink) {
    requireNonNull(sink, "sink");
    List<Object> answer = replay(session, lastEventId, false);
    if (answer == null || !found(answer)) {
      return NOT_REPLAYABLE;
    }
    int count = 0;
    for (Object entry : (List<?>) answer.get(1)) {
      // [ "<seq>-0", [ "d", data ] ]
      List<?> pair = (List<?>) entry;
      String redisId = (String) pair.get(0);
      List<?> fields = (List<?>) pair.get(1);
      long seq = Long.parseLong(redisId.substring(0, redisId.indexOf('-')));
      sink.accept(new StoredEvent(new EventId(lastEventId.stream(), seq), (String) fields.get(1)));
      count++;
    }
    return count;
  }

  private @org.jspecify.annotations.Nullable List<Object> replay(
      SessionId session, EventId last, boolean probe) {
    requireNonNull(session, "session");
    requireNonNull(last, "lastEventId");
    return redis.call(
        "replay events",
        c ->
            c.eval(
                REPLAY,
                ScriptOutputType.MULTI,
                new String[] {keys.stream(session, last.stream())},
                Long.toString(last.sequence()),
                probe ? "1" : "0"));
  }

  @Override
  public void dropStream(SessionId session, StreamId stream) {
    redis.call(
        "drop a stream",
        c ->
            c.eval(
                DROP_STREAM,
                ScriptOutputType.INTEGER,
                new String[] {keys.stream(session, stream), keys.streamIndex(session)}));
  }

  @Override
  public void dropSession(SessionId session) {
    redis.call(
        "drop a session's events",
        c ->
            c.eval(
                DROP_SESSION,
                ScriptOutputType.INTEGER,
                new String[] {keys.sequence(session), keys.streamIndex(session)}));
  }
}
