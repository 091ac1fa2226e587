package dev.mcpkit.transport.jetty;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.ServerRequestHandler;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.transport.jetty.internal.client.ClientSettings;
import dev.mcpkit.transport.jetty.internal.client.JettyMcpClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds {@link McpClient}s that speak MCP Streamable HTTP over Jetty 12's {@code HttpClient}:
 * pooled HTTP/1.1 by default, HTTP/2 with prior knowledge (h2c) on request, and over {@code https}
 * h2 or http/1.1 as ALPN chooses.
 *
 * {@snippet :
 * McpClient client = McpHttpClient.builder(URI.create("https://tools.example/mcp"))
 *     .clientInfo("gateway", "2.0")
 *     .sslContext(SSLContext.getDefault())
 *     .maxConnectionsPerDestination(16)
 *     .requestTimeout(Duration.ofSeconds(30))
 *     .onRequest("roots/list", params -> roots())
 *     .build();
 * }
 *
 * <p>Sessions: the client carries {@code Mcp-Session-Id} and {@code MCP-Protocol-Version} on every
 * request after {@code initialize}. When the server answers 404 for the session, the client
 * initializes a new session once and retries the request only if it is safe to repeat: {@code
 * ping}, {@code tools/list}, {@code resources/list}, {@code resources/templates/list}, {@code
 * resources/read}, {@code prompts/list}, {@code prompts/get} and {@code completion/complete}. Any
 * other request ({@code tools/call} above all, which may have effects) fails with the 404 in {@link
 * dev.mcpkit.api.client.McpClientException#httpStatus()}, and the next call uses the new session.
 *
 * <p>Streams: an SSE answer that breaks before the response arrives is resumed with {@code GET} and
 * {@code Last-Event-ID} after the server's {@code retry} delay; events already seen are not
 * delivered again.
 *
 * <p>Observation: {@link Builder#observer} sees each MCP request and session, {@link
 * Builder#httpObserver} each HTTP exchange, connection and the pool; {@code mcp-metrics} turns both
 * into OpenTelemetry metrics and spans.
 *
 * <p>The builder is not thread-safe; the clients it builds are.
 */
public final class McpHttpClient {
  private McpHttpClient() {}

  /**
   * Starts a builder.
   *
   * @param endpoint the server's MCP endpoint, {@code http} or {@code https}
   * @return a builder
   */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** The default of {@link Builder#maxMessageBytes}: 16 MiB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** Collects the options; each setter validates its value and names it in the message. */
  public static final class Builder {
    private final URI endpoint;
    private String clientName = "mcpkit-client";
    private String clientVersion = "0.1.0";
    private ProtocolVersion version = ProtocolVersion.latest();
    private final Map<String, ServerRequestHandler> handlers = new LinkedHashMap<>();
    private final Map<String, JsonNode> capabilities = new LinkedHashMap<>();
    private Consumer<JsonRpcNotification> notificationListener = n -> {};

    /** The settings of the session's own pool, unless it shares {@link #connections}. */
    private final McpHttpConnections.Builder pool;

    private Duration requestTimeout = Duration.ofSeconds(60);
    private long retryMillis = 1000;
    private int maxResumeAttempts = 5;
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private boolean openEventStream = true;
    private McpClientObserver observer = McpClientObserver.NONE;
    private HttpClientObserver httpObserver = HttpClientObserver.NONE;
    private ClientAuthorization authorization = ClientAuthorization.NONE;
    private @Nullable McpHttpConnections connections;
    private @Nullable String resumedSessionId;
    private @Nullable ProtocolVersion resumedVersion;
    private boolean endSessionOnClose = true;

    private Builder(URI endpoint) {
      this.pool = McpHttpConnections.builder(endpoint); // checks the endpoint
      this.endpoint = endpoint;
    }

    /**
     * Sets {@code clientInfo}.
     *
     * @param name the client's name
     * @param version its version
     * @return this
     */
    public Builder clientInfo(String name, String version) {
      this.clientName = requireNonNull(name, "name");
      this.clientVersion = requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the protocol version requested at {@code initialize}; the latest by default.
     *
     * @param version the version
     * @return this
     */
    public Builder protocolVersion(ProtocolVersion version) {
      this.version = requireNonNull(version, "version");
      return this;
    }

    /**
     * Registers the handler of a server-to-client request method. Registering {@code
     * sampling/createMessage}, {@code elicitation/create} or {@code roots/list} declares the
     * matching client capability. Requests without a handler are answered "method not found";
     * {@code ping} is always answered.
     *
     * @param method the method
     * @param handler its handler
     * @return this
     */
    public Builder onRequest(String method, ServerRequestHandler handler) {
      handlers.put(requireNonNull(method, "method"), requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * Declares a client capability with its exact value, overriding the one derived from the
     * registered handlers, e.g. {@code capability("elicitation", {"form":{"applyDefaults":true}})}.
     *
     * @param name the capability, e.g. {@code "elicitation"}
     * @param value its value (an object)
     * @return this
     */
    public Builder capability(String name, JsonNode value) {
      requireNonNull(value, "value");
      if (!value.isObject()) {
        throw new IllegalArgumentException("capability " + name + " must be an object: " + value);
      }
      capabilities.put(requireNonNull(name, "name"), value);
      return this;
    }

    /**
     * Sets the listener of the server's notifications other than progress (logging, list changes,
     * resource updates). It runs on the thread that reads them: a stream's reader, or, for
     * notifications that come in the JSON body of an answer to {@link
     * dev.mcpkit.api.client.McpClient#requestWithoutBlocking}, Jetty's I/O thread. So it must not
     * block; hand slow work to an executor of its own.
     *
     * @param listener the listener
     * @return this
     */
    public Builder onNotification(Consumer<JsonRpcNotification> listener) {
      this.notificationListener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the connection pool's size per destination (64 by default). With HTTP/2 each connection
     * multiplexes many streams.
     *
     * @param max at least 1
     * @return this
     */
    public Builder maxConnectionsPerDestination(int max) {
      pool.maxConnectionsPerDestination(max);
      return this;
    }

    /**
     * Sets how long a pooled connection may stay idle (30 s by default).
     *
     * @param timeout positive
     * @return this
     */
    public Builder idleTimeout(Duration timeout) {
      pool.idleTimeout(timeout);
      return this;
    }

    /**
     * Sets the connect timeout (10 s by default).
     *
     * @param timeout positive
     * @return this
     */
    public Builder connectTimeout(Duration timeout) {
      pool.connectTimeout(timeout);
      return this;
    }

    /**
     * Sets the default time a request waits for its answer (60 s by default); see {@link
     * dev.mcpkit.api.client.RequestOptions#withTimeout(Duration)}.
     *
     * @param timeout positive
     * @return this
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Speaks HTTP/2 from the first byte on {@code http} endpoints (h2c with prior knowledge).
     * Ignored for {@code https}, where ALPN chooses.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder http2PriorKnowledge(boolean enabled) {
      pool.http2PriorKnowledge(enabled);
      return this;
    }

    /**
     * Sets the TLS context for {@code https} endpoints (the JDK's default otherwise).
     *
     * @param context the context
     * @return this
     */
    public Builder sslContext(SSLContext context) {
      pool.sslContext(context);
      return this;
    }

    /**
     * Sets the SSE reconnection delay used until the server sends {@code retry} (1 s by default).
     *
     * @param delay zero or positive
     * @return this
     */
    public Builder defaultRetry(Duration delay) {
      requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("defaultRetry must not be negative: " + delay);
      }
      this.retryMillis = delay.toMillis();
      return this;
    }

    /**
     * Sets the largest message the client accepts from the server: a JSON answer's body, or one
     * event of an SSE stream ({@value #DEFAULT_MAX_MESSAGE_BYTES} bytes by default, more than a
     * server's default limit on requests, since answers carry images and resources). A larger one
     * aborts its exchange instead of being buffered without bound: the call it answers fails with
     * an {@link dev.mcpkit.api.client.McpClientException} that names this limit, and the session's
     * {@code GET} stream, if that is where it came, is given up (reopening it would only receive it
     * again).
     *
     * @param max at least 1024
     * @return this
     */
    public Builder maxMessageBytes(int max) {
      if (max < 1024) {
        throw new IllegalArgumentException("maxMessageBytes must be >= 1024: " + max);
      }
      this.maxMessageBytes = max;
      return this;
    }

    /**
     * Whether to keep the session's {@code GET} stream open (on by default), where a server sends
     * requests and notifications that belong to no call; it is reopened with {@code Last-Event-ID}
     * after the server's {@code retry} when it ends, and given up on 405.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder openEventStream(boolean enabled) {
      this.openEventStream = enabled;
      return this;
    }

    /**
     * Sets the observer of the client's MCP requests and sessions (metrics, traces), e.g. {@code
     * McpMetrics.clientObserver()} from {@code mcp-metrics}; none by default. An observer may write
     * into each request's {@code params._meta} (W3C trace context).
     *
     * @param observer the observer
     * @return this
     */
    public Builder observer(McpClientObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Sets the observer of the client's HTTP exchanges, connections and connection pool, e.g.
     * {@code McpMetrics.httpClientObserver()}; none by default (then no listener is installed).
     *
     * @param observer the observer
     * @return this
     */
    public Builder httpObserver(HttpClientObserver observer) {
      this.httpObserver = requireNonNull(observer, "observer");
      pool.httpObserver(observer);
      return this;
    }

    /**
     * Sets how requests are authorized, e.g. {@code OAuthAuthorization} from {@code mcp-auth}; none
     * by default. Its headers go on every request, and a request the server refuses with 401 or 403
     * is sent again when it says so.
     *
     * @param authorization the authorization
     * @return this
     */
    public Builder authorization(ClientAuthorization authorization) {
      this.authorization = requireNonNull(authorization, "authorization");
      return this;
    }

    /**
     * Runs this client's requests on a connection pool shared with other clients of the same
     * server, rather than on a pool of its own; closing this client then leaves the pool up. The
     * pool's own settings apply: this builder's {@link #maxConnectionsPerDestination}, {@link
     * #idleTimeout}, {@link #http2PriorKnowledge}, {@link #sslContext} and the pool part of {@link
     * #httpObserver} are not used (the observer still sees this client's exchanges).
     *
     * @param connections the shared pool, for this client's endpoint
     * @return this
     */
    public Builder connections(McpHttpConnections connections) {
      this.connections = requireNonNull(connections, "connections");
      return this;
    }

    /**
     * Starts the client on a session that already exists at the server (opened by another client,
     * such as another node of a gateway cluster) instead of initializing one: every request carries
     * this {@code Mcp-Session-Id} and {@code MCP-Protocol-Version} from the first, the GET stream
     * (if {@linkplain #openEventStream enabled}) opens at build time, and {@link
     * McpClient#initialize()} returns at once a result that carries only the version. When the
     * server no longer knows the session (404) the client initializes a new one, as always.
     *
     * @param sessionId the session's id, as the server gave it
     * @param version the protocol version negotiated for it
     * @return this
     */
    public Builder resumeSession(String sessionId, ProtocolVersion version) {
      requireNonNull(sessionId, "sessionId");
      requireNonNull(version, "version");
      if (sessionId.isBlank() || version.sessionless()) {
        throw new IllegalArgumentException(
            "resumeSession needs a session id and a session-based version, got '"
                + sessionId
                + "' and "
                + version);
      }
      this.resumedSessionId = sessionId;
      this.resumedVersion = version;
      return this;
    }

    /**
     * Whether {@link McpClient#close()} ends the session at the server with {@code DELETE} (the
     * default). Off, closing only releases this client's connections and leaves the session to
     * another client that {@linkplain #resumeSession resumes} it.
     *
     * @param enabled whether to
     * @return this
     */
    public Builder endSessionOnClose(boolean enabled) {
      this.endSessionOnClose = enabled;
      return this;
    }

    /**
     * Builds and starts the client; no request is sent until the first call.
     *
     * @return the client
     * @throws IllegalArgumentException if the {@link #connections} pool serves another scheme, host
     *     or port than this client's endpoint
     */
    public McpClient build() {
      McpHttpConnections shared = connections;
      if (shared != null && !shared.pool().serves(endpoint)) {
        throw new IllegalArgumentException(
            "the shared connections serve another scheme, host or port than " + endpoint);
      }
      ClientSettings settings =
          new ClientSettings(
              endpoint,
              clientName,
              clientVersion,
              version,
              handlers,
              capabilities,
              notificationListener,
              pool.settings(),
              requestTimeout,
              retryMillis,
              maxResumeAttempts,
              maxMessageBytes,
              openEventStream,
              observer,
              httpObserver,
              authorization,
              shared == null ? null : shared.pool());
      return resumedSessionId == null || resumedVersion == null
          ? JettyMcpClient.start(settings, endSessionOnClose)
          : JettyMcpClient.resume(settings, resumedSessionId, resumedVersion, endSessionOnClose);
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
