package dev.mcpkit.transport.jetty.internal.client;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpClientTransport;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started Jetty {@link HttpClient} (connection pool, selector, threads) for one endpoint's
 * scheme, host and port: owned by one client session, or shared by many ({@code
 * McpHttpConnections}), so that a gateway's thousand sessions to one upstream share one pool
 * instead of starting a thousand clients with a thread pool each.
 *
 * <p>Thread-safety: thread-safe; Jetty's client is, and the fields are final.
 */
public final class HttpPool {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPool.class);

  private final HttpClient http;
  private final HttpClientObserver.Registration observation;
  private final String scheme;
  private final String host;
  private final int port;

  private HttpPool(
      HttpClient http,
      HttpClientObserver.Registration observation,
      String scheme,
      String host,
      int port) {
    this.http = http;
    this.observation = observation;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  /**
   * What a pool is made of.
   *
   * @param endpoint the endpoint whose scheme, host and port the pool serves
   * @param maxConnectionsPerDestination the pool size
   * @param idleTimeout how long a connection may stay idle
   * @param connectTimeout how long a connection may take to open
   * @param http2PriorKnowledge h2c without upgrade (plain HTTP only)
   * @param sslContext the TLS context, or {@code null} for the JDK's default
   * @param httpObserver observes the pool and its connections
   * @param selectors the threads reading the connections, at least 1
   */
  public record Settings(
      URI endpoint,
      int maxConnectionsPerDestination,
      Duration idleTimeout,
      Duration connectTimeout,
      boolean http2PriorKnowledge,
      @Nullable SSLContext sslContext,
      HttpClientObserver httpObserver,
      int selectors) {
    /** Checks the values. */
    public Settings {
      if (selectors < 1) {
        throw new IllegalArgumentException("selectors must be >= 1: " + selectors);
      }
      requireNonNull(endpoint, "endpoint");
      requireNonNull(idleTimeout, "idleTimeout");
      requireNonNull(connectTimeout, "connectTimeout");
      requireNonNull(httpObserver, "httpObserver");
    }
  }

  /**
   * Starts Jetty's client with the settings' pool and protocol choice.
   *
   * @throws McpClientException if Jetty's client does not start
   */
  public static HttpPool start(Settings settings) {
    URI endpoint = settings.endpoint();
    String scheme = endpoint.getScheme();
    String host = endpoint.getHost() == null ? "" : endpoint.getHost();
    int port = portOf(endpoint);
    boolean tls = "https".equals(scheme);
    ClientConnector connector = new ClientConnector();
    connector.setSelectors(settings.selectors());
    connector.setConnectTimeout(settings.connectTimeout());
    connector.setIdleTimeout(settings.idleTimeout());
    if (tls) {
      SslContextFactory.Client ssl = new SslContextFactory.Client();
      if (settings.sslContext() != null) {
        ssl.setSslContext(settings.sslContext());
      }
      connector.setSslContextFactory(ssl);
    }
    HttpClientTransport transport;
    if (tls) {
      // ALPN offers h2 first, then http/1.1; the server chooses.
      transport =
          new HttpClientTransportDynamic(
              connector,
              new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)),
              HttpClientConnectionFactory.HTTP11);
    } else if (settings.http2PriorKnowledge()) {
      transport = new HttpClientTransportOverHTTP2(new HTTP2Client(connector));
    } else {
      transport = new HttpClientTransportDynamic(connector, HttpClientConnectionFactory.HTTP11);
    }
    // Every listener the client installs (InputStreamResponseListener, the observers, which must be
    // non-blocking) only queues and signals: Jetty may parse a response and notify them on the
    // selector thread, which then wakes the waiting caller directly instead of handing the
    // connection to a pool thread first (issue 16).
    transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
    HttpClient http = new HttpClient(transport);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("mcp-client");
    threads.setDaemon(true);
    http.setExecutor(threads);
    http.setMaxConnectionsPerDestination(settings.maxConnectionsPerDestination());
    http.setIdleTimeout(settings.idleTimeout().toMillis());
    http.setConnectTimeout(settings.connectTimeout().toMillis());
    http.setFollowRedirects(false);
    // Jetty's default User-Agent would be sent on every request; MCP servers do not need it.
    http.setUserAgentField(null);
    HttpClientObserver httpObserver = settings.httpObserver();
    if (httpObserver != HttpClientObserver.NONE) {
      // Jetty adds the HttpClient's Connection.Listener beans to every connection it creates.
      http.addBean(new ConnectionObserver(httpObserver, scheme, host, port));
    }
    try {
      http.start();
    } catch (Exception e) {
      throw new McpClientException("cannot start Jetty's HttpClient", e);
    }
    HttpClientObserver.Registration observation =
        httpObserver == HttpClientObserver.NONE
            ? HttpClientObserver.Registration.NONE
            : httpObserver.poolStarted(new PoolView(http, scheme, host, port));
    return new HttpPool(http, observation, scheme, host, port);
  }

  private static int portOf(URI endpoint) {
    int port = endpoint.getPort();
    return port >= 0 ? port : "https".equals(endpoint.getScheme()) ? 443 : 80;
  }

  /** Whether this pool serves the endpoint's scheme, host and port. */
  public boolean serves(URI endpoint) {
    return scheme.equals(endpoint.getScheme())
        && host.equals(endpoint.getHost() == null ? "" : endpoint.getHost())
        && port == portOf(endpoint);
  }

  HttpClient http() {
    return http;
  }

  /** How many threads read this pool's connections: the selectors of Jetty's client connector. */
  public int selectors() {
    return http.getContainedBeans(ClientConnector.class).stream()
        .mapToInt(ClientConnector::getSelectors)
        .max()
        .orElse(0);
  }

  /** Stops Jetty's client: its connections close, requests in flight fail. Idempotent. */
  public void stop() {
    observation.close();
    try {
      http.stop();
    } catch (Exception e) {
      LOG.debug("stopping Jetty's HttpClient failed", e);
    }
  }
}
