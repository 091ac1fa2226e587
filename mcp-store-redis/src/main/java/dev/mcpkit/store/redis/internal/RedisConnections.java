package dev.mcpkit.store.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lettuce client with two connections: a command connection shared by every thread (Lettuce
 * connections are thread-safe and pipeline concurrent commands), and a pub/sub connection for the
 * channels the stores listen to.
 *
 * <p><b>Failing fast.</b> While a connection is down Lettuce rejects commands at once ({@code
 * REJECT_COMMANDS}) instead of queueing them, and a command that gets no answer times out after the
 * command timeout; both surface as {@link StoreUnavailableException} from {@link #call}. Lettuce
 * reconnects by itself in the background; the pub/sub connection re-subscribes its channels, and
 * every re-subscription after the first runs the {@linkplain #onReconnect reconnect actions} (the
 * stores resynchronise what they may have missed meanwhile).
 *
 * <p><b>Threads.</b> Messages arrive on Lettuce's I/O threads, which must never block. They are
 * queued and handed to each channel's handler by one virtual thread, in arrival order, so handlers
 * may block (on Redis commands, on locks).
 *
 * <p>Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);
  private static final Runnable STOP = () -> {};

  private final ClientResources resources;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final Map<String, Consumer<String>> handlers = new ConcurrentHashMap<>();
  private final Map<String, Boolean> subscribedOnce = new ConcurrentHashMap<>();
  // The first channel subscribed stands for the connection: its re-subscription triggers the
  // reconnect actions once per reconnection, however many channels there are.
  private volatile String primaryChannel = "";
  private final List<Runnable> reconnectActions = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
  private final Thread dispatcher;
  private volatile boolean closed; // set once by close(); read by every call, so volatile

  private RedisConnections(
      ClientResources resources,
      RedisClient client,
      StatefulRedisConnection<String, String> commands,
      StatefulRedisPubSubConnection<String, String> pubSub) {
    this.resources = resources;
    this.client = client;
    this.commands = commands;
    this.pubSub = pubSub;
    this.dispatcher = Thread.ofVirtual().name("mcpkit-redis-dispatch").unstarted(this::dispatch);
  }

  /**
   * Connects.
   *
   * @param uri the server, e.g. {@code redis://127.0.0.1:6379/0}
   * @param commandTimeout how long a command may wait for its answer
   * @return the connections
   * @throws StoreUnavailableException if the server cannot be reached now
   */
  public static RedisConnections connect(String uri, Duration commandTimeout) {
    requireNonNull(uri, "uri");
    requireNonNull(commandTimeout, "commandTimeout");
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setTimeout(commandTimeout);
    // Reconnection attempts back off exponentially but never wait more than a second, so a node is
    // back at most about a second after Redis is (Lettuce's default waits up to 30 s).
    ClientResources resources =
        ClientResources.builder()
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    RedisClient client = RedisClient.create(resources, redisUri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
    try {
      StatefulRedisConnection<String, String> commands = client.connect();
      StatefulRedisPubSubConnection<String, String> pubSub = client.connectPubSub();
      RedisConnections connections = new RedisConnections(resources, client, commands, pubSub);
      pubSub.addListener(connections.new Listener());
      connections.dispatcher.start();
      return connections;
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown();
      throw new StoreUnavailableException("cannot connect to Redis at " + redisUri.toURI(), e);
    }
  }

  /**
   * Runs commands on the shared connection and maps every Redis failure (disconnected, timed out,
   * refused, closed) to {@link StoreUnavailableException}.
   *
   * @param what what is being done, for the message
   * @param body the commands
   * @param <T> the result type
   * @return what {@code body} returned
   */
  public <T> T call(String what, Function<RedisCommands<String, String>, T> body) {
    try {
      return body.apply(commands.sync());
    } catch (RedisException e) {
      throw new StoreUnavailableException("Redis unavailable: " + what + " failed", e);
    } catch (IllegalStateException e) {
      if (closed) {
        // Once shut down, Lettuce fails with an IllegalStateException of its timer.
        throw new StoreUnavailableException("Redis connections closed: " + what + " not run", e);
      }
      throw e;
    }
  }

  /**
   * Waits until the command connection answers a {@code PING}, retrying every 50 ms (its
   * reconnection runs in the background); for the dispatcher thread, after a reconnection.
   *
   * @param patience how long to keep trying
   * @return {@code true} once a {@code PING} was answered; {@code false} if it never was, or the
   *     thread was interrupted (the flag is kept)
   */
  public boolean awaitCommands(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        commands.sync().ping();
        return true;
      } catch (RedisException e) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
      }
      try {
        Thread.sleep(50); // a reconnection attempt in progress; polling is all Lettuce offers here
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * The asynchronous commands of the shared connection, for writes nobody waits for.
   *
   * @return the commands
   */
  public RedisAsyncCommands<String, String> async() {
    return commands.async();
  }

  /**
   * Subscribes a handler to a channel (one handler per channel).
   *
   * @param channel the channel
   * @param handler gets each message, on the dispatcher thread
   * @throws StoreUnavailableException if the subscription cannot be made now
   */
  public void subscribe(String channel, Consumer<String> handler) {
    handlers.put(channel, handler);
    if (primaryChannel.isEmpty()) {
      primaryChannel = channel;
    }
    try {
      pubSub.sync().subscribe(channel);
    } catch (RedisException e) {
      throw new StoreUnavailableException("Redis unavailable: SUBSCRIBE " + channel + " failed", e);
    }
  }

  /**
   * Registers an action to run (on the dispatcher thread) each time the pub/sub connection came
   * back after a disconnection: messages published meanwhile were lost.
   *
   * @param action the action
   */
  public void onReconnect(Runnable action) {
    reconnectActions.add(requireNonNull(action, "action"));
  }

  @Override
  public void close() {
    closed = true;
    inbox.add(STOP);
    pubSub.close();
    commands.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private void dispatch() {
    while (true) {
      Runnable next;
      try {
        next = inbox.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == STOP) {
        return;
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("Redis message handler failed", e);
      }
    }
  }

  /** Runs on Lettuce's I/O threads: only queues. */
  private final class Listener extends RedisPubSubAdapter<String, String> {
    @Override
    public void message(String channel, String message) {
      Consumer<String> handler = handlers.get(channel);
      if (handler != null) {
        inbox.add(() -> handler.accept(message));
      }
    }

    @Override
    public void subscribed(String channel, long count) {
      if (subscribedOnce.putIfAbsent(channel, Boolean.TRUE) != null
          && channel.equals(primaryChannel)) {
        LOG.info("Redis channel {} re-subscribed after a disconnection; resynchronising", channel);
        inbox.add(() -> reconnectActions.forEach(Runnable::run));
      }
    }
  }
}
