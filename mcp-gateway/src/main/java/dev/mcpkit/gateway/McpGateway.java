package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ServerInfo;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.gateway.internal.GatewayMethods;
import dev.mcpkit.gateway.internal.HttpUpstream;
import dev.mcpkit.gateway.internal.TraceHeaderEngine;
import dev.mcpkit.gateway.internal.Upstream;
import dev.mcpkit.gateway.internal.UpstreamProbe;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An MCP gateway: one MCP engine in front of many MCP servers. Each client session at the gateway
 * opens one session per upstream, lazily, at its first request that needs it, and closes them when
 * it ends (DELETE, expiry, eviction). With one upstream the gateway is transparent (the upstream's
 * names, capabilities, instructions and answers); with several, their tools, resources, templates
 * and prompts are listed together, tools and prompts named {@code upstream + separator + name}.
 *
 * <p>Serve its {@link #engine()} with a transport:
 *
 * {@snippet :
 * McpGateway gateway = McpGateway.builder()
 *     .upstream(UpstreamConfig.http("docs", URI.create("http://127.0.0.1:8081/mcp")))
 *     .upstream(UpstreamConfig.http("tickets", URI.create("http://127.0.0.1:8082/mcp")))
 *     .build();
 * McpHttpServer server = McpHttpServer.builder().engine(gateway.engine()).port(8080).build();
 * }
 *
 * <p>Thread-safe. {@link #close()} closes every client session and with them the upstream sessions.
 */
public final class McpGateway implements AutoCloseable {
  private final SessionManager sessions;
  private final McpEngine engine;
  private final GatewayMethods methods;
  private final List<String> warnings;

  private McpGateway(
      SessionManager sessions, McpEngine engine, GatewayMethods methods, List<String> warnings) {
    this.sessions = sessions;
    this.engine = engine;
    this.methods = methods;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the engine to hand to a transport.
   *
   * @return the engine
   */
  public McpEngine engine() {
    return engine;
  }

  /**
   * Returns the client sessions at the gateway.
   *
   * @return the session manager
   */
  public SessionManager sessions() {
    return sessions;
  }

  /**
   * Returns what the gateway found worth a warning at start, such as tools of several upstreams
   * with the same name; each was logged too.
   *
   * @return the warnings, in the order found
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Closes every client session and its upstream sessions. Closing twice is a no-op. */
  @Override
  public void close() {
    sessions.close();
    methods.close();
  }

  /** Collects the upstreams and options; not thread-safe; each setter validates its argument. */
  public static final class Builder {
    /** The separator between an upstream's name and its tools' and prompts' names, by default. */
    public static final String DEFAULT_SEPARATOR = "__";

    private final Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
    private String separator = DEFAULT_SEPARATOR;
    private SessionPolicy policy = SessionPolicy.defaults();
    private @Nullable ServerInfo serverInfo;
    private GatewayObserver observer = GatewayObserver.NONE;

    private Builder() {}

    /**
     * Adds an upstream.
     *
     * @param upstream the upstream; its name must not be taken
     * @return this builder
     * @throws IllegalArgumentException if the name is taken
     * @throws UnsupportedOperationException for a stdio upstream (not supported yet)
     */
    public Builder upstream(UpstreamConfig upstream) {
      requireNonNull(upstream, "upstream");
      if (upstreams.containsKey(upstream.name())) {
        throw new IllegalArgumentException("upstream: duplicate name '" + upstream.name() + "'");
      }
      if (upstream.isStdio()) {
        throw new UnsupportedOperationException(
            "upstream " + upstream.name() + ": stdio upstreams arrive with the stdio transport");
      }
      upstreams.put(upstream.name(), upstream);
      return this;
    }

    /**
     * Takes the upstreams, the separator and the sessions' idle timeout of a configuration file
     * (its host and port are the transport's business).
     *
     * @param config the configuration
     * @return this builder
     * @throws IllegalArgumentException if an upstream's name is taken
     * @throws UnsupportedOperationException for a stdio upstream (not supported yet)
     */
    public Builder config(GatewayConfig config) {
      requireNonNull(config, "config");
      config.upstreams().forEach(this::upstream);
      if (config.separator() != null) {
        separator(config.separator());
      }
      if (config.sessionIdleTimeout() != null) {
        sessionPolicy(SessionPolicy.builder().idleTimeout(config.sessionIdleTimeout()).build());
      }
      return this;
    }

    /**
     * Sets the separator between an upstream's name and its tools' and prompts' names when there
     * are several upstreams ({@value #DEFAULT_SEPARATOR} by default).
     *
     * @param separator 1 to 4 characters legal in tool names: letters, digits, {@code _}, {@code
     *     -}, {@code .}
     * @return this builder
     */
    public Builder separator(String separator) {
      requireNonNull(separator, "separator");
      if (!separator.matches("[A-Za-z0-9_.-]{1,4}")) {
        throw new IllegalArgumentException(
            "separator '" + separator + "' must be 1-4 of letters, digits, '_', '-', '.'");
      }
      this.separator = separator;
      return this;
    }

    /**
     * Sets the policy of the client sessions (idle timeout, limits); the defaults otherwise.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder sessionPolicy(SessionPolicy policy) {
      this.policy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the gateway's {@code serverInfo} when it has several upstreams (with one, the gateway
     * presents the upstream's); {@code mcpkit-gateway} by default.
     *
     * @param serverInfo the gateway's self-description
     * @return this builder
     */
    public Builder serverInfo(ServerInfo serverInfo) {
      this.serverInfo = requireNonNull(serverInfo, "serverInfo");
      return this;
    }

    /**
     * Sets who observes the gateway's upstream calls, upstream sessions and breakers (metrics,
     * traces); none by default, and the client's trace context then travels upstream as it is.
     *
     * @param observer the observer, such as mcp-metrics' {@code GatewayTelemetry}
     * @return this builder
     */
    public Builder observer(GatewayObserver observer) {
      this.observer = requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Builds the gateway: asks every upstream for its self-description and catalogue once (a
     * session opened and closed again), so that the gateway can declare the capabilities and
     * instructions, and report name collisions.
     *
     * @return the gateway
     * @throws IllegalStateException if no upstream was added, or an upstream cannot be reached or
     *     refuses (the message names it)
     */
    public McpGateway build() {
      if (upstreams.isEmpty()) {
        throw new IllegalStateException("a gateway needs at least one upstream");
      }
      List<Upstream> connectors = new ArrayList<>();
      for (UpstreamConfig upstream : upstreams.values()) {
        connectors.add(new HttpUpstream(upstream, "mcpkit-gateway", "0.1.0"));
      }
      UpstreamProbe.Result probe = UpstreamProbe.probe(connectors, separator);
      GatewayMethods methods =
          new GatewayMethods(connectors, probe.capabilities(), separator, observer);
      SessionManager sessions =
          SessionManagers.builder()
              .policy(policy)
              .listener(
                  event -> {
                    if (event.to() == SessionState.CLOSED) {
                      methods.sessionClosed(event.session());
                    }
                  })
              .build();
      McpServerConfig.Builder config =
          McpServerConfig.builder()
              .serverInfo(
                  connectors.size() == 1
                      ? probe.serverInfo()
                      : serverInfo != null ? serverInfo : ServerInfo.of("mcpkit-gateway", "0.1.0"));
      if (probe.instructions() != null) {
        config.instructions(probe.instructions());
      }
      // The HTTP traceparent header travels upstream too (in _meta), for clients that send only it.
      McpEngine engine =
          new TraceHeaderEngine(
              TransportEngine.of(
                  McpEngines.builder(config.build(), sessions).dynamicMethods(methods).build()));
      return new McpGateway(sessions, engine, methods, probe.warnings());
    }
  }
}
