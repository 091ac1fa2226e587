package dev.mcpkit.gateway.internal;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.ClientInfo;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.auth.client.OAuthAuthorization;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.gateway.UpstreamOAuth;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpConnections;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An upstream reached over Streamable HTTP through {@link McpHttpClient}. Thread-safe. */
public final class HttpUpstream implements Upstream {

  /**
   * The client capabilities a gateway passes on, with the request each one lets the server send.
   */
  private static final Map<String, String> REQUESTS_BY_CAPABILITY =
      Map.of(
          "sampling", "sampling/createMessage",
          "elicitation", "elicitation/create",
          "roots", "roots/list");

  /** Connections to one upstream, at most: in effect unbounded (see {@link #connections}). */
  private static final int MAX_CONNECTIONS = 1 << 16;

  private final UpstreamConfig config;
  private final URI url;
  private final String clientName;
  private final String clientVersion;

  /** The upstream's protocol generation: configured, or probed and remembered. */
  private final UpstreamGeneration generation;

  /**
   * The upstream's OAuth client, shared by all its sessions (one token for all of them), or {@code
   * null} without OAuth.
   */
  private final @Nullable ClientAuthorization oauth;

  /**
   * The connection pool every client session's upstream session shares: one Jetty client (threads,
   * selector, connections) per upstream, not one per session. Over HTTP/1.1 each upstream session's
   * GET stream holds a connection while open, so the pool is not what bounds the connections: the
   * client sessions and the calls in flight (the engine's bounded executor) are.
   */
  private final McpHttpConnections connections;

  /**
   * @param config the upstream, an HTTP one
   * @param clientName the {@code clientInfo.name} the gateway presents upstream
   * @param clientVersion its version
   */
  public HttpUpstream(UpstreamConfig config, String clientName, String clientVersion) {
    this.config = requireNonNull(config, "config");
    this.url = requireNonNull(config.url(), "url of an HTTP upstream");
    this.clientName = requireNonNull(clientName, "clientName");
    this.clientVersion = requireNonNull(clientVersion, "clientVersion");
    this.generation = new UpstreamGeneration(config.name(), config.protocol());
    UpstreamOAuth credentials = config.oauth();
    this.oauth =
        credentials == null
            ? null
            : OAuthAuthorization.builder(url)
                .clientCredentials(credentials.clientId(), credentials.clientSecret())
                .build();
    this.connections =
        McpHttpConnections.builder(url)
            .maxConnectionsPerDestination(MAX_CONNECTIONS)
            .connectTimeout(config.timeout())
            .build();
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public Duration timeout() {
    return config.timeout();
  }

  @Override
  public McpClient open(JsonNode clientCapabilities, UpstreamCallbacks callbacks) {
    return open(clientCapabilities, null, callbacks, null, true);
  }

  @Override
  public boolean learned(McpClient client) {
    return generation.learned(client);
  }

  @Override
  public void failed() {
    generation.failed();
  }

  /**
   * {@inheritDoc}
   *
   * <p>At 2026-07-28 (a stateless upstream, or one not yet probed) the client's own info goes
   * upstream in every request's {@code _meta}; a session-based upstream sees the gateway's.
   */
  @Override
  public McpClient open(
      JsonNode clientCapabilities,
      @Nullable ClientInfo clientInfo,
      UpstreamCallbacks callbacks,
      @Nullable UpstreamSession resume,
      boolean endOnClose) {
    requireNonNull(callbacks, "callbacks");
    ProtocolVersion version = generation.versionToAsk();
    ClientInfo passed = version.sessionless() ? clientInfo : null;
    McpHttpClient.Builder builder =
        authorized(McpHttpClient.builder(url))
            .protocolVersion(version)
            .clientInfo(
                passed != null ? passed.name() : clientName,
                passed != null ? passed.version() : clientVersion)
            .requestTimeout(config.timeout())
            .connectTimeout(config.timeout())
            .maxMessageBytes(config.maxMessageBytes())
            .connections(connections)
            .onNotification(callbacks::onNotification)
            .endSessionOnClose(endOnClose);
    if (resume != null) {
      builder.resumeSession(resume.id(), resume.version());
    }
    for (Map.Entry<String, JsonNode> capability : clientCapabilities.properties()) {
      String request = REQUESTS_BY_CAPABILITY.get(capability.getKey());
      if (request != null) {
        builder.onRequest(request, params -> callbacks.onRequest(request, params));
      }
      if (capability.getValue().isObject()) {
        builder.capability(capability.getKey(), capability.getValue());
      }
    }
    return builder.build();
  }

  /** Sends {@code DELETE} for the session through a client made for that alone. */
  @Override
  public void end(UpstreamSession session) {
    authorized(McpHttpClient.builder(url))
        .connections(connections)
        .connectTimeout(config.timeout())
        .requestTimeout(config.timeout())
        .openEventStream(false)
        .resumeSession(session.id(), session.version())
        .build()
        .close();
  }

  /** The upstream's credentials on a client builder. */
  private McpHttpClient.Builder authorized(McpHttpClient.Builder builder) {
    if (oauth != null) {
      builder.authorization(
          config.headers().isEmpty()
              ? oauth
              : new WithHeaders(oauth, new StaticHeaders(config.headers())));
    } else if (!config.headers().isEmpty()) {
      builder.authorization(new StaticHeaders(config.headers()));
    }
    return builder;
  }

  /** Stops the shared connection pool; the client sessions are closed first, by the gateway. */
  @Override
  public void close() {
    connections.close();
  }
}
