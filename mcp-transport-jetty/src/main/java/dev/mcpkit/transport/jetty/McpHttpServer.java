package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.BoundedExecutor;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.transport.jetty.internal.Connectors;
import dev.mcpkit.transport.jetty.internal.DocumentsHandler;
import dev.mcpkit.transport.jetty.internal.DrainingHandler;
import dev.mcpkit.transport.jetty.internal.HeaderDeadline;
import dev.mcpkit.transport.jetty.internal.McpHandler;
import dev.mcpkit.transport.jetty.internal.ObservingHandler;
import dev.mcpkit.transport.jetty.internal.RequestThreads;
import dev.mcpkit.transport.jetty.internal.ServerThreadPool;
import dev.mcpkit.transport.jetty.internal.StreamLimits;
import dev.mcpkit.transport.jetty.internal.StreamRegistry;
import dev.mcpkit.transport.jetty.internal.TextEndpointsHandler;
import dev.mcpkit.transport.jetty.internal.TransportSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.AutoLock;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * An MCP server over Streamable HTTP on Jetty 12: one endpoint (default {@code /mcp}) for POST, GET
 * (the session's server-initiated SSE stream, and resumption with {@code Last-Event-ID}) and
 * DELETE, a health check at {@code /health}, HTTP/1.1 and cleartext HTTP/2 (h2c) on one port, or
 * TLS with ALPN choosing HTTP/2 or HTTP/1.1 when a {@link TlsConfig} is given. Requests run on
 * virtual threads, and so do the tool handlers they call.
 *
 * <p>Every SSE event carries an id from the {@link EventStore} (the engine's unless {@link
 * Builder#eventStore} sets another), which encodes its stream, so a client resumes exactly the
 * stream it lost. Sessions negotiated at 2025-11-25 get a priming event with {@code retry} at the
 * start of each stream, and a tool may close its stream early ({@code ToolContext.closeStream()})
 * for the client to poll. Idle streams get keep-alive comments.
 *
 * <p>Secure by default: it binds to {@code 127.0.0.1}; requests whose {@code Origin} is neither a
 * loopback origin nor configured get 403, and so do requests whose {@code Host} names neither a
 * loopback name, the bound address, nor a configured name (DNS rebinding). With a {@link
 * BoundedExecutor}, requests beyond its cap get 503 with {@code Retry-After}. An {@link
 * Authenticator} (none by default) turns requests away with 401 and binds each session to the
 * principal that initialized it.
 *
 * {@snippet :
 * McpEngine engine = McpEngines.create(config, SessionManagers.builder().build());
 * try (McpHttpServer server = McpHttpServer.builder().port(0).engine(engine).build()) {
 *   int port = server.start();
 *   System.out.println("MCP endpoint: " + server.endpoint());
 *   server.join();
 * }
 * }
 *
 * <p>Thread-safe: {@link #start()} and {@link #close()} may be called from any thread.
 */
@SuppressWarnings("try") // try (AutoLock ignored = lock.lock()): the lock is the resource
public final class McpHttpServer implements AutoCloseable {
  /** The default address to bind: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The default port. */
  public static final int DEFAULT_PORT = 8080;

  /** The default path of the MCP endpoint. */
  public static final String DEFAULT_PATH = "/mcp";

  /**
   * The default selector count, 0: Jetty's choice, half the available processors (at least 1, at
   * most 12).
   */
  public static final int DEFAULT_SELECTORS = 0;

  /** The default largest POST body: 4 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** The default {@code retry} sent with priming events. */
  public static final Duration DEFAULT_SSE_RETRY = Duration.ofSeconds(1);

  /** The default silence after which an SSE connection gets a keep-alive comment. */
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);

  /**
   * The default idle timeout of a connection (and of an HTTP/2 stream): 30 seconds without a byte
   * in either direction closes it.
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The default deadline for receiving a whole request, headers and body, from its first byte: 30
   * seconds.
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The default bound of one SSE connection's output queue when its client does not read: 1 MiB.
   */
  public static final long DEFAULT_MAX_QUEUED_SSE_BYTES = 1024 * 1024;

  /** The default bound of one SSE connection's output queue in events: 1,000. */
  public static final int DEFAULT_MAX_QUEUED_SSE_EVENTS = 1_000;

  /** The default number of GET streams (standalone and resumptions) one session may hold: 8. */
  public static final int DEFAULT_MAX_STREAMS_PER_SESSION = 8;

  /**
   * The default number of SSE streams (GETs and streamed POST answers) one client, its principal or
   * else its remote address, may hold: 64.
   */
  public static final int DEFAULT_MAX_STREAMS_PER_CLIENT = 64;

  private static final String HEALTH_PATH = "/health";

  private final String host;
  private final String path;
  private final String scheme;
  private final Server server;
  private final ServerConnector connector;
  private final StreamRegistry streams;
  private final StreamLimits streamLimits;
  private final DrainingHandler draining;
  private final AutoLock lock = new AutoLock();

  private McpHttpServer(Builder builder, TransportEngine engine) {
    this.host = builder.host;
    this.path = builder.path;
    QueuedThreadPool threads = new ServerThreadPool("mcp-http");
    // Our handlers are non-blocking: Jetty calls them on its I/O threads (platform threads), and
    // they hand what may block to virtual threads, the same ones Jetty uses for blocking tasks.
    Executor requestThreads = new RequestThreads();
    threads.setVirtualThreadsExecutor(requestThreads);
    this.server = new Server(threads);
    HttpConfiguration http = Connectors.httpConfiguration();
    TlsConfig tls = builder.tls;
    this.scheme = tls == null ? "http" : "https";
    this.connector =
        tls == null
            ? Connectors.cleartext(server, http, builder.h2c, builder.selectors)
            : Connectors.tls(server, http, tls, builder.selectors);
    connector.setHost(builder.host);
    connector.setPort(builder.port);
    Connectors.idleTimeout(connector, builder.idleTimeout.toMillis());
    Connectors.http2HeaderDeadline(connector, builder.requestTimeout.toNanos());
    server.addConnector(connector);
    EventStore events = builder.eventStore != null ? builder.eventStore : engine.eventStore();
    this.streamLimits =
        new StreamLimits(
            builder.maxQueuedSseBytes,
            builder.maxQueuedSseEvents,
            builder.maxStreamsPerSession,
            builder.maxStreamsPerClient,
            builder.observer);
    this.streams =
        new StreamRegistry(
            engine, events, builder.sseRetry, builder.keepAlive, builder.observer, streamLimits);
    // Server-initiated messages that belong to no request go to the sessions' GET streams.
    engine.attachOutbound(streams);
    TransportSettings settings =
        new TransportSettings(
            builder.path,
            HEALTH_PATH,
            builder.maxBodyBytes,
            builder.allowedOrigins,
            builder.host,
            builder.allowedHosts,
            builder.executor,
            builder.authenticator,
            builder.requestTimeout);
    McpHandler handler =
        new McpHandler(engine, settings, streams, builder.observer, requestThreads);
    Handler withText =
        builder.textEndpoints.isEmpty()
            ? handler
            : new TextEndpointsHandler(handler, builder.textEndpoints, requestThreads);
    Handler served =
        builder.documents.isEmpty()
            ? withText
            : new DocumentsHandler(withText, builder.documents, settings);
    this.draining = new DrainingHandler(served, engine.codec(), HEALTH_PATH);
    // Without an observer nothing wraps the exchanges: no cost on the request path.
    Handler observed =
        builder.observer == HttpServerObserver.NONE
            ? draining
            : new ObservingHandler(draining, builder.observer);
    // Outermost: it must see every request of the connections it watches, and their completion.
    HeaderDeadline headerDeadline = new HeaderDeadline(observed, builder.requestTimeout.toNanos());
    connector.addBean(headerDeadline, false); // a Connection.Listener of every connection
    server.setHandler(headerDeadline);
    server.setStopTimeout(builder.stopTimeoutMillis);
  }

  /**
   * Starts a builder with the defaults: {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, path
   * {@value #DEFAULT_PATH}, 4 MiB body limit, loopback origins only, h2c on, no TLS, no
   * authentication.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving.
   *
   * @return the bound port (useful when the configured port was 0)
   * @throws IllegalStateException if the server cannot start (for example the port is taken)
   */
  public int start() {
    try (AutoLock ignored = lock.lock()) {
      if (!server.isStarted()) {
        server.start();
        streams.start();
      }
      return connector.getLocalPort();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start the MCP server on " + host + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the bound port.
   *
   * @return the port, or -1 before {@link #start()}
   */
  public int port() {
    return connector.getLocalPort();
  }

  /**
   * Returns the URI of the MCP endpoint, e.g. {@code http://127.0.0.1:8080/mcp}, or {@code
   * https://...} when TLS is configured.
   *
   * @return the endpoint's URI
   * @throws IllegalStateException before {@link #start()}
   */
  public URI endpoint() {
    int port = port();
    if (port <= 0) {
      throw new IllegalStateException("the server has not started");
    }
    String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create(scheme + "://" + uriHost + ":" + port + path);
  }

  /** The SSE limits and how often they were enforced; for tests. */
  StreamLimits streamLimits() {
    return streamLimits;
  }

  /**
   * Blocks until the server stops.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Stops the server gracefully: it stops accepting connections, answers new requests on open
   * connections with 503 (the health check says {@code draining}), lets requests in flight finish
   * within the stop timeout, then closes everything. GET streams end first (they would otherwise
   * hold the stop for its whole timeout); clients resume them elsewhere. Sessions belong to the
   * engine's session manager and are not closed here. Idempotent.
   */
  @Override
  public void close() {
    try (AutoLock ignored = lock.lock()) {
      streams.close();
      // Draining first, then Jetty's stop (which drains too, idempotently): requests on open
      // connections get the 503, never a 200 that Jetty's closing connector marked Connection:
      // close because it happened to stop before the handler.
      draining.shutdown();
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the MCP server failed: " + e.getMessage(), e);
    }
  }

  /** A mutable builder; not thread-safe. Each setter validates its argument at once. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String path = DEFAULT_PATH;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private final Set<String> allowedOrigins = new LinkedHashSet<>();
    private final Set<String> allowedHosts = new LinkedHashSet<>();
    private @Nullable BoundedExecutor executor;
    private boolean h2c = true;
    private int selectors = DEFAULT_SELECTORS;
    private long stopTimeoutMillis = 5_000;
    private Authenticator authenticator = Authenticator.none();
    private @Nullable TlsConfig tls;
    private @Nullable TransportEngine engine;
    private @Nullable EventStore eventStore;
    private Duration sseRetry = DEFAULT_SSE_RETRY;
    private Duration keepAlive = DEFAULT_KEEP_ALIVE;
    private HttpServerObserver observer = HttpServerObserver.NONE;
    // Limits under abuse (issue 21): slow and greedy clients.
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private long maxQueuedSseBytes = DEFAULT_MAX_QUEUED_SSE_BYTES;
    private int maxQueuedSseEvents = DEFAULT_MAX_QUEUED_SSE_EVENTS;
    private int maxStreamsPerSession = DEFAULT_MAX_STREAMS_PER_SESSION;
    private int maxStreamsPerClient = DEFAULT_MAX_STREAMS_PER_CLIENT;
    private final Map<String, TextEndpointsHandler.TextEndpoint> textEndpoints =
        new LinkedHashMap<>();
    private final Map<String, DocumentsHandler.Document> documents = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the store that keeps SSE events for resumption ({@code Last-Event-ID}). Without one, the
     * server uses the engine's ({@link TransportEngine#eventStore()}), so sessions and their events
     * are configured in one place.
     *
     * @param eventStore the store; not closed by the server
     * @return this builder
     */
    public Builder eventStore(EventStore eventStore) {
      this.eventStore = requireNonNull(eventStore, "eventStore");
      return this;
    }

    /**
     * Sets the {@code retry} sent with the priming event that starts each SSE stream of a
     * 2025-11-25 session: how long a client waits before it reconnects after the server closed a
     * stream.
     *
     * @param sseRetry zero or positive, in whole milliseconds
     * @return this builder
     */
    public Builder sseRetry(Duration sseRetry) {
      requireNonNull(sseRetry, "sseRetry");
      if (sseRetry.isNegative()) {
        throw new IllegalArgumentException("sseRetry must not be negative, was " + sseRetry);
      }
      this.sseRetry = sseRetry;
      return this;
    }

    /**
     * Sets how long an SSE connection may stay silent before it gets a keep-alive comment, which
     * keeps proxies from closing it and reveals clients that went away.
     *
     * @param keepAlive positive
     * @return this builder
     */
    public Builder keepAlive(Duration keepAlive) {
      requireNonNull(keepAlive, "keepAlive");
      if (keepAlive.isNegative() || keepAlive.isZero()) {
        throw new IllegalArgumentException("keepAlive must be positive, was " + keepAlive);
      }
      this.keepAlive = keepAlive;
      return this;
    }

    // ---- Limits under abuse (issue 21): slow and greedy clients. See the README's section. ----

    /**
     * Sets how long a connection (and an HTTP/2 stream) may stay without a byte in either direction
     * before it is closed. SSE streams stay busy through keep-alive comments ({@link #keepAlive}),
     * which must come more often than this.
     *
     * @param idleTimeout positive, in whole milliseconds; default {@link #DEFAULT_IDLE_TIMEOUT}
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = positive(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Sets the deadline for receiving a whole request, from its first byte: the idle timeout
     * restarts at every byte, so without it a client trickling a byte every few seconds holds a
     * connection indefinitely. An HTTP/1.x connection whose request headers are not complete by
     * then is closed, and so is an HTTP/2 connection that received bytes but opened no stream by
     * then, after a GOAWAY (checked every quarter of the deadline); a body not complete by then is
     * answered 408 with a JSON-RPC error, and the connection closed.
     *
     * @param requestTimeout positive; default {@link #DEFAULT_REQUEST_TIMEOUT}
     * @return this builder
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /**
     * Bounds what may wait to be sent on one SSE connection whose client does not read: beyond this
     * many bytes the connection is cut off (its events stay in the event store, so the client
     * resumes with {@code Last-Event-ID}).
     *
     * @param maxQueuedSseBytes positive; default {@link #DEFAULT_MAX_QUEUED_SSE_BYTES}
     * @return this builder
     */
    public Builder maxQueuedSseBytes(long maxQueuedSseBytes) {
      if (maxQueuedSseBytes <= 0) {
        throw new IllegalArgumentException(
            "maxQueuedSseBytes must be positive, was " + maxQueuedSseBytes);
      }
      this.maxQueuedSseBytes = maxQueuedSseBytes;
      return this;
    }

    /**
     * Bounds what may wait to be sent on one SSE connection, in events; see {@link
     * #maxQueuedSseBytes}.
     *
     * @param maxQueuedSseEvents positive; default {@link #DEFAULT_MAX_QUEUED_SSE_EVENTS}
     * @return this builder
     */
    public Builder maxQueuedSseEvents(int maxQueuedSseEvents) {
      if (maxQueuedSseEvents <= 0) {
        throw new IllegalArgumentException(
            "maxQueuedSseEvents must be positive, was " + maxQueuedSseEvents);
      }
      this.maxQueuedSseEvents = maxQueuedSseEvents;
      return this;
    }

    /**
     * Sets how many GETs (the standalone stream and resumptions) one session may have open at once;
     * more get 429 with {@code Retry-After} and a JSON-RPC error.
     *
     * @param maxStreamsPerSession positive; default {@link #DEFAULT_MAX_STREAMS_PER_SESSION}
     * @return this builder
     */
    public Builder maxStreamsPerSession(int maxStreamsPerSession) {
      if (maxStreamsPerSession <= 0) {
        throw new IllegalArgumentException(
            "maxStreamsPerSession must be positive, was " + maxStreamsPerSession);
      }
      this.maxStreamsPerSession = maxStreamsPerSession;
      return this;
    }

    /**
     * Sets how many SSE streams (GETs, and POST answers that turned into streams) one client may
     * have open at once, across its sessions: its principal when authenticated, else its remote
     * address. A GET beyond, or a POST carrying requests while the client holds that many, gets 429
     * with {@code Retry-After} and a JSON-RPC error.
     *
     * @param maxStreamsPerClient positive; default {@link #DEFAULT_MAX_STREAMS_PER_CLIENT}
     * @return this builder
     */
    public Builder maxStreamsPerClient(int maxStreamsPerClient) {
      if (maxStreamsPerClient <= 0) {
        throw new IllegalArgumentException(
            "maxStreamsPerClient must be positive, was " + maxStreamsPerClient);
      }
      this.maxStreamsPerClient = maxStreamsPerClient;
      return this;
    }

    private static Duration positive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero() || value.toMillis() == 0) {
        throw new IllegalArgumentException(name + " must be at least 1 ms, was " + value);
      }
      return value;
    }

    // ---- End of the limits under abuse. ----

    /**
     * Sets the address to bind.
     *
     * @param host a host name or IP address; {@code 0.0.0.0} exposes the server to the network
     * @return this builder
     */
    public Builder host(String host) {
      requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host;
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 0 (pick a free one) to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the path of the MCP endpoint.
     *
     * @param path starts with {@code /}
     * @return this builder
     */
    public Builder path(String path) {
      requireNonNull(path, "path");
      if (!path.startsWith("/") || path.equals(HEALTH_PATH)) {
        throw new IllegalArgumentException(
            "path must start with / and differ from " + HEALTH_PATH + ", was " + path);
      }
      this.path = path;
      return this;
    }

    /**
     * Sets how many selector threads (Jetty's I/O threads) the connector runs. They read and parse
     * every request, and they also serve what may not block (the calls of non-blocking tools,
     * {@code initialize}, {@code ping}, session ends), so on a machine whose cores do little else
     * they bound the throughput of that fast path. {@value #DEFAULT_SELECTORS} (the default) lets
     * Jetty choose: half the available processors, at least one (and at most 12 with the server's
     * thread pool of 200). BENCHMARKS.md ("Issue 20: speed") has the measurement behind the default
     * and what to expect on more cores.
     *
     * @param selectors positive, or {@value #DEFAULT_SELECTORS} for Jetty's choice
     * @return this builder
     */
    public Builder selectors(int selectors) {
      if (selectors < 0) {
        throw new IllegalArgumentException(
            "selectors must be positive, or 0 for Jetty's choice, was " + selectors);
      }
      this.selectors = selectors;
      return this;
    }

    /**
     * Sets the largest POST body accepted; larger ones get 413.
     *
     * @param maxBodyBytes positive
     * @return this builder
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "maxBodyBytes must be positive and below Integer.MAX_VALUE, was " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Allows browser requests from an origin besides the loopback ones.
     *
     * @param origin e.g. {@code https://app.example.com}
     * @return this builder
     */
    public Builder allowOrigin(String origin) {
      requireNonNull(origin, "origin");
      URI uri = URI.create(origin);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("allowOrigin needs scheme://host[:port], was " + origin);
      }
      allowedOrigins.add(origin);
      return this;
    }

    /**
     * Allows a host name in the {@code Host} header besides the loopback names and the bound
     * address; needed when clients reach the server under a DNS name.
     *
     * @param host a host name without port, e.g. {@code mcp.example.com}
     * @return this builder
     */
    public Builder allowHost(String host) {
      requireNonNull(host, "host");
      if (host.isBlank() || host.indexOf(':') >= 0 && !host.startsWith("[")) {
        throw new IllegalArgumentException("allowHost needs a host name without port, was " + host);
      }
      allowedHosts.add(host);
      return this;
    }

    /**
     * Caps how many POSTs carrying requests run at once: each takes a permit from the executor on
     * its own thread ({@link BoundedExecutor#tryAcquire()}), and gets 503 with {@code Retry-After}
     * when none is free. Notifications and responses are never refused. Without an executor there
     * is no cap beyond Jetty's.
     *
     * @param executor the executor whose permits bound the requests; not closed by the server
     * @return this builder
     */
    public Builder executor(BoundedExecutor executor) {
      this.executor = requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Turns cleartext HTTP/2 (h2c) beside HTTP/1.1 on or off.
     *
     * @param h2c {@code true} to serve h2c
     * @return this builder
     */
    public Builder h2c(boolean h2c) {
      this.h2c = h2c;
      return this;
    }

    /**
     * Sets who may use the MCP endpoint; see {@link Authenticator}. The default, {@link
     * Authenticator#none()}, lets every request through anonymously.
     *
     * @param authenticator the authenticator
     * @return this builder
     */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Serves TLS instead of cleartext on the port: ALPN negotiates HTTP/2 ({@code h2}) or HTTP/1.1,
     * TLS 1.2 and 1.3 only. The cleartext connector (and so h2c) is not opened; to serve both,
     * build two servers on the same engine.
     *
     * @param tls the key store and client-certificate settings
     * @return this builder
     */
    public Builder tls(TlsConfig tls) {
      this.tls = requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Serves TLS from a PKCS#12 key store; short for {@code tls(TlsConfig.keyStore(keyStore,
     * password))}.
     *
     * @param keyStore the key store file with the server's key and certificate chain
     * @param password the password of the key store and of its key
     * @return this builder
     * @throws IllegalArgumentException if the key store is not readable
     */
    public Builder tls(Path keyStore, char[] password) {
      return tls(TlsConfig.keyStore(keyStore, password));
    }

    /**
     * Sets how long {@link McpHttpServer#close()} waits for in-flight requests.
     *
     * @param stopTimeoutMillis zero or positive
     * @return this builder
     */
    public Builder stopTimeoutMillis(long stopTimeoutMillis) {
      if (stopTimeoutMillis < 0) {
        throw new IllegalArgumentException(
            "stopTimeoutMillis must not be negative, was " + stopTimeoutMillis);
      }
      this.stopTimeoutMillis = stopTimeoutMillis;
      return this;
    }

    /**
     * Sets the observer of the HTTP exchanges (metrics): request start and end with status, SSE
     * streams opened and closed, executor saturation. None by default.
     *
     * @param observer the observer; {@link HttpServerObserver#NONE} for none
     * @return this builder
     */
    public Builder observer(HttpServerObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Serves an extra GET path beside the MCP endpoint whose body is computed per request, e.g.
     * {@code /metrics} in the Prometheus text format. Other methods on that path get 405.
     *
     * {@snippet :
     * builder.textEndpoint("/metrics", "text/plain; version=0.0.4; charset=utf-8", metrics::scrape);
     * }
     *
     * @param path the path, starting with {@code /}; not the MCP endpoint's or the health check's
     * @param contentType the answers' {@code Content-Type}
     * @param body computes each answer's body; thread-safe
     * @return this builder
     * @throws IllegalArgumentException if the path does not start with {@code /} or is taken
     */
    public Builder textEndpoint(String path, String contentType, Supplier<String> body) {
      requireNonNull(path, "path");
      if (!path.startsWith("/") || path.equals(HEALTH_PATH) || path.equals(this.path)) {
        throw new IllegalArgumentException(
            "textEndpoint path must start with / and not be taken, was " + path);
      }
      textEndpoints.put(path, new TextEndpointsHandler.TextEndpoint(contentType, body));
      return this;
    }

    /**
     * Serves a fixed public document at a GET path beside the MCP endpoint, e.g. OAuth Protected
     * Resource Metadata (RFC 9728) at {@code /.well-known/oauth-protected-resource} and at its
     * path-suffixed form {@code /.well-known/oauth-protected-resource/mcp}. Documents are public:
     * served without asking the {@link Authenticator}, to any {@code Origin} ({@code
     * Access-Control-Allow-Origin: *}, CORS preflights answered), but only to requests whose {@code
     * Host} the endpoint would accept (403 otherwise, against DNS rebinding). GET and HEAD are
     * served, other methods get 405. Served on the I/O thread, from memory.
     *
     * {@snippet :
     * builder.document(
     *     "/.well-known/oauth-protected-resource",
     *     "application/json",
     *     metadataJson.getBytes(StandardCharsets.UTF_8));
     * }
     *
     * <p>Setting a path again replaces its document.
     *
     * @param path the path, starting with {@code /}; not the MCP endpoint's, the health check's or
     *     a {@link #textEndpoint}'s (checked again by {@link #build()})
     * @param contentType the document's {@code Content-Type}, e.g. {@code application/json}
     * @param body the document's bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if the path does not start with {@code /} or is taken
     */
    public Builder document(String path, String contentType, byte[] body) {
      requireNonNull(path, "path");
      requireNonNull(contentType, "contentType");
      requireNonNull(body, "body");
      if (!path.startsWith("/") || isTakenBesidesDocuments(path)) {
        throw new IllegalArgumentException(
            "document path must start with / and not be taken, was " + path);
      }
      if (contentType.isBlank()) {
        throw new IllegalArgumentException("document contentType must not be blank");
      }
      documents.put(path, new DocumentsHandler.Document(contentType, body.clone()));
      return this;
    }

    private boolean isTakenBesidesDocuments(String candidate) {
      return candidate.equals(HEALTH_PATH)
          || candidate.equals(path)
          || textEndpoints.containsKey(candidate);
    }

    /**
     * Sets the protocol engine to serve.
     *
     * @param engine the engine, as built by {@code dev.mcpkit.session.McpEngines} (or a decorator
     *     of one, such as {@code RedisStores.cluster})
     * @return this builder
     * @throws IllegalArgumentException if the engine does not implement {@link TransportEngine}
     */
    public Builder engine(McpEngine engine) {
      this.engine = TransportEngine.of(engine);
      return this;
    }

    /**
     * Builds the server; it does not listen until {@link McpHttpServer#start()}.
     *
     * @return the server
     * @throws IllegalStateException if no engine was set, or a {@link #document} path is also the
     *     endpoint's or a text endpoint's
     */
    public McpHttpServer build() {
      if (engine == null) {
        throw new IllegalStateException("engine must be set");
      }
      for (String documentPath : documents.keySet()) {
        if (isTakenBesidesDocuments(documentPath)) {
          throw new IllegalStateException(
              "document path " + documentPath + " is also the endpoint's or a text endpoint's");
        }
      }
      return new McpHttpServer(this, engine);
    }
  }
}
