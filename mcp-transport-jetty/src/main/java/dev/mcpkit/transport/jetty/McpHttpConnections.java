package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.transport.jetty.internal.client.HttpPool;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP connection pool (Jetty's {@code HttpClient}: its connections, selector and threads) for
 * one MCP server, shared by many client sessions: give it to each {@link McpHttpClient.Builder}
 * with {@link McpHttpClient.Builder#connections}. Without it, every client session starts a pool of
 * its own, which suits an application with a few sessions; a gateway or any program holding many
 * sessions to one server wants one pool for all of them, not one thread pool and set of connections
 * per session.
 *
 * {@snippet :
 * McpHttpConnections pool = McpHttpConnections.builder(endpoint)
 *     .maxConnectionsPerDestination(1024)
 *     .build();
 * McpClient alice = McpHttpClient.builder(endpoint).connections(pool).build();
 * McpClient bob = McpHttpClient.builder(endpoint).connections(pool).build();
 * // ... closing a client ends its session; the pool stays up for the others
 * pool.close();
 * }
 *
 * <p>Over HTTP/1.1, each session's open {@code GET} stream holds a connection for as long as it is
 * open, so size the pool for the sessions plus the requests in flight (or speak h2c, where one
 * connection multiplexes them all).
 *
 * <p>A shared pool reads its connections with {@link Builder#selectors} threads, by default half
 * the processors (as Jetty's server does): JSON answers are parsed, and {@link
 * dev.mcpkit.api.client.McpClient#requestWithoutBlocking} callers run, on these threads, so one
 * thread would serialize every answer of every session of the pool. A client session's own pool has
 * one.
 *
 * <p>Thread-safe. The builder is not.
 */
public final class McpHttpConnections implements AutoCloseable {
  private final HttpPool pool;

  private McpHttpConnections(HttpPool pool) {
    this.pool = pool;
  }

  /**
   * Starts a builder.
   *
   * @param endpoint the server's MCP endpoint; the pool serves its scheme, host and port
   * @return the builder
   * @throws IllegalArgumentException if the endpoint is neither {@code http} nor {@code https}
   */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** The pool, for the client sessions built on it. */
  HttpPool pool() {
    return pool;
  }

  /** Stops the pool: its connections close and requests still in flight on them fail. */
  @Override
  public void close() {
    pool.stop();
  }

  /** Builds a pool. Not thread-safe. */
  public static final class Builder {
    private final URI endpoint;
    private int maxConnectionsPerDestination = 64;
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean http2PriorKnowledge;
    private @Nullable SSLContext sslContext;
    private HttpClientObserver httpObserver = HttpClientObserver.NONE;

    /** 0: the default, which depends on whether the pool is shared ({@link #build}) or not. */
    private int selectors;

    private Builder(URI endpoint) {
      requireNonNull(endpoint, "endpoint");
      String scheme = endpoint.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("endpoint must be http or https: " + endpoint);
      }
      this.endpoint = endpoint;
    }

    /**
     * Sets the most connections the pool opens to the server (64 by default).
     *
     * @param max at least 1
     * @return this
     */
    public Builder maxConnectionsPerDestination(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnectionsPerDestination must be >= 1: " + max);
      }
      this.maxConnectionsPerDestination = max;
      return this;
    }

    /**
     * Sets how long a connection may stay idle (30 s by default).
     *
     * @param timeout positive
     * @return this
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * Sets how long opening a connection may take (10 s by default).
     *
     * @param timeout positive
     * @return this
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Speaks HTTP/2 without upgrade (h2c) to a plain {@code http} endpoint; off by default.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder http2PriorKnowledge(boolean enabled) {
      this.http2PriorKnowledge = enabled;
      return this;
    }

    /**
     * Sets the TLS context for an {@code https} endpoint (the JDK's default otherwise).
     *
     * @param context the context
     * @return this
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = requireNonNull(context, "context");
      return this;
    }

    /**
     * Sets the observer of the pool and its connections; each session's exchanges are observed by
     * the observer its own builder sets.
     *
     * @param observer the observer
     * @return this
     */
    public Builder httpObserver(HttpClientObserver observer) {
      this.httpObserver = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Sets how many threads read the pool's connections (its selectors). A shared pool has half the
     * processors by default (at least one); a client session's own pool has one.
     *
     * @param count at least 1
     * @return this
     */
    public Builder selectors(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("selectors must be >= 1: " + count);
      }
      this.selectors = count;
      return this;
    }

    /**
     * Starts the pool; connections open on demand.
     *
     * @return the pool
     * @throws dev.mcpkit.api.client.McpClientException if Jetty's client does not start
     */
    public McpHttpConnections build() {
      int shared =
          selectors > 0 ? selectors : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
      return new McpHttpConnections(HttpPool.start(settings(shared)));
    }

    /** What a client session's own pool is made of: one selector unless set. */
    HttpPool.Settings settings() {
      return settings(selectors > 0 ? selectors : 1);
    }

    private HttpPool.Settings settings(int selectorCount) {
      return new HttpPool.Settings(
          endpoint,
          maxConnectionsPerDestination,
          idleTimeout,
          connectTimeout,
          http2PriorKnowledge,
          sslContext,
          httpObserver,
          selectorCount);
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + value);
      }
      return value;
    }
  }
}
