package dev.mcpkit.gateway;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ServerInfo;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.gateway.internal.ClusterStores;
import dev.mcpkit.gateway.internal.GatewayMethods;
import dev.mcpkit.gateway.internal.HttpUpstream;
import dev.mcpkit.gateway.internal.SessionlessSettings;
import dev.mcpkit.gateway.internal.StdioUpstream;
import dev.mcpkit.gateway.internal.TraceHeaderEngine;
import dev.mcpkit.gateway.internal.Upstream;
import dev.mcpkit.gateway.internal.UpstreamProbe;
import dev.mcpkit.gateway.internal.UpstreamSessionDirectory;
import dev.mcpkit.gateway.internal.tape.ReplayUpstream;
import dev.mcpkit.gateway.internal.tape.TapeRecorder;
import dev.mcpkit.gateway.internal.tape.TapedUpstream;
import dev.mcpkit.gateway.internal.tape.TapingEngine;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.gateway.tape.TapeStats;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>A stdio upstream ({@link UpstreamConfig#stdio}) is one child process for the whole gateway,
 * started when the gateway is built and restarted with backoff when it dies: every client session
 * calls the same process (a stdio server has one session), and what the process sends during a call
 * (progress, log messages, sampling and elicitation requests) reaches the client session whose call
 * is waiting (the latest one, when several are).
 *
 * <p>Several gateways on one Redis ({@link Builder#redis}) form a cluster: any node serves any
 * client session, resuming the upstream sessions another node opened, and a node that stops or dies
 * loses neither.
 *
 * <p>Sessionless clients (revision 2026-07-28) are served the same catalogue: their upstream
 * sessions are kept per principal, upstream and declared client capabilities and reused (bounded by
 * {@link Builder#sessionlessUpstreams}); an upstream's request to such a client parks the upstream
 * call and answers {@code input_required}, and the client's retry resumes it (within {@link
 * Builder#inputTimeout}; the {@code requestState} is signed with {@link Builder#requestStateKey}).
 * In a cluster the retry may reach any node: it is carried to the node that parked the call, whose
 * next outcome comes back (give every node the same {@link Builder#requestStateKey}).
 *
 * <p>Thread-safe. {@link #close()} closes every client session and with them the upstream sessions,
 * and stops the stdio upstreams' processes.
 */
public final class McpGateway implements AutoCloseable {
  private final SessionManager sessions;
  private final McpEngine engine;
  private final GatewayMethods methods;
  private final List<String> warnings;
  private final List<Upstream> upstreams;
  private final @Nullable TapeRecorder tapes;
  private final @Nullable ClusterStores cluster;

  private McpGateway(
      SessionManager sessions,
      McpEngine engine,
      GatewayMethods methods,
      List<String> warnings,
      List<Upstream> upstreams,
      @Nullable TapeRecorder tapes,
      @Nullable ClusterStores cluster) {
    this.sessions = sessions;
    this.engine = engine;
    this.methods = methods;
    this.warnings = List.copyOf(warnings);
    this.upstreams = List.copyOf(upstreams);
    this.tapes = tapes;
    this.cluster = cluster;
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

  /**
   * Returns what the tape recorder did so far, when the gateway records tapes.
   *
   * @return the counters, or empty without {@link Builder#tapes}
   */
  public Optional<TapeStats> tapeStats() {
    TapeRecorder recorder = tapes;
    return recorder == null ? Optional.empty() : Optional.of(recorder.stats());
  }

  /**
   * Closes every client session and its upstream sessions, then stops the stdio upstreams'
   * processes and ends the tapes. In a cluster ({@link Builder#redis}) only this node's copies
   * close: the client sessions and their upstream sessions stay for the other nodes. Closing twice
   * is a no-op.
   */
  @Override
  public void close() {
    sessions.close();
    methods.close();
    upstreams.forEach(Upstream::close);
    if (tapes != null) {
      tapes.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Collects the upstreams and options; not thread-safe; each setter validates its argument. */
  public static final class Builder {
    /** The separator between an upstream's name and its tools' and prompts' names, by default. */
    public static final String DEFAULT_SEPARATOR = "__";

    private final Map<String, UpstreamConfig> upstreams = new LinkedHashMap<>();
    private final List<ToolRule> policy = new ArrayList<>();
    private final List<RateLimit> rateLimits = new ArrayList<>();
    private String separator = DEFAULT_SEPARATOR;
    private SessionPolicy sessionPolicy = SessionPolicy.defaults();
    private @Nullable ServerInfo serverInfo;
    private GatewayObserver observer = GatewayObserver.NONE;
    private SessionlessSettings sessionless = SessionlessSettings.DEFAULTS;
    private byte @Nullable [] requestStateKey;
    private @Nullable TapeSettings tapes;
    private @Nullable String redis;

    private Builder() {}

    /**
     * Adds an upstream.
     *
     * @param upstream the upstream; its name must not be taken
     * @return this builder
     * @throws IllegalArgumentException if the name is taken
     */
    public Builder upstream(UpstreamConfig upstream) {
      requireNonNull(upstream, "upstream");
      if (upstreams.containsKey(upstream.name())) {
        throw new IllegalArgumentException("upstream: duplicate name '" + upstream.name() + "'");
      }
      upstreams.put(upstream.name(), upstream);
      return this;
    }

    /**
     * Takes the upstreams, the separator, the sessions' idle timeout, the tool rules and the rate
     * limits of a configuration file (its host, port and {@code auth} are the transport's business:
     * see {@link GatewayAuth#install}).
     *
     * @param config the configuration
     * @return this builder
     * @throws IllegalArgumentException if an upstream's name is taken
     */
    public Builder config(GatewayConfig config) {
      requireNonNull(config, "config");
      config.upstreams().forEach(this::upstream);
      config.policy().forEach(this::toolRule);
      config.rateLimits().forEach(this::rateLimit);
      if (config.separator() != null) {
        separator(config.separator());
      }
      if (config.sessionIdleTimeout() != null) {
        sessionPolicy(SessionPolicy.builder().idleTimeout(config.sessionIdleTimeout()).build());
      }
      if (config.tapes() != null) {
        tapes(config.tapes());
      }
      if (config.redis() != null) {
        redis(config.redis());
      }
      byte[] key = config.requestStateKeyBytes();
      if (key != null) {
        requestStateKey(key);
      }
      return this;
    }

    /**
     * Makes this gateway a node of a cluster whose nodes share one Redis (mcp-store-redis, which
     * must be on the module path): any node serves any client session, behind a load balancer
     * without sticky sessions. Shared are the client sessions ({@link SessionManager} records) with
     * the upstream sessions each one holds (a node resumes them, without a new {@code initialize},
     * while the upstream knows them), the SSE events of the client's streams (resumed with {@code
     * Last-Event-ID} on any node), and the client's answers to an upstream's requests (sampling,
     * elicitation, roots), which reach the node whose upstream call waits for them. A node that
     * stops or dies loses neither; the upstream sessions end with the client session ({@code
     * DELETE}, expiry). While Redis cannot be reached, requests that need it are answered 503.
     *
     * @param uri the Redis, e.g. {@code redis://127.0.0.1:6379} (Lettuce URI syntax)
     * @return this builder
     * @throws IllegalArgumentException if the URI is not a Redis URI
     */
    public Builder redis(String uri) {
      requireNonNull(uri, "uri");
      if (!uri.startsWith("redis://")
          && !uri.startsWith("rediss://")
          && !uri.startsWith("redis-sentinel://")) {
        throw new IllegalArgumentException(
            "redis: must be a redis://, rediss:// or redis-sentinel:// URI");
      }
      this.redis = uri;
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
      this.sessionPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Adds a tool rule: which tools the principals it names may see and call.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder toolRule(ToolRule rule) {
      policy.add(requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds a rate limit per principal, or per principal and tool.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder rateLimit(RateLimit limit) {
      rateLimits.add(requireNonNull(limit, "limit"));
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
     * Signs the {@code requestState} the gateway gives sessionless (2026-07-28) clients with this
     * HMAC-SHA256 key (default: 256 random bits per process). Give every gateway node the same key
     * so that each can verify the others' states.
     *
     * @param key at least 32 bytes; copied
     * @return this builder
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public Builder requestStateKey(byte[] key) {
      requireNonNull(key, "key");
      if (key.length < 32) {
        throw new IllegalArgumentException(
            "requestStateKey: needs at least 32 bytes, got " + key.length);
      }
      this.requestStateKey = key.clone();
      return this;
    }

    /**
     * Bounds the upstream sessions kept for sessionless (2026-07-28) clients, which are keyed by
     * principal, upstream and the client capabilities a request declares and reused across requests
     * (default: 256 idle sessions at most, each closed upstream after 5 idle minutes).
     *
     * @param maxIdle how many idle upstream sessions are kept, at most; 0 closes each after its
     *     request
     * @param idleTimeout how long an idle one is kept; positive
     * @return this builder
     * @throws IllegalArgumentException if a bound is out of range
     */
    public Builder sessionlessUpstreams(int maxIdle, Duration idleTimeout) {
      this.sessionless = sessionless.withUpstreams(maxIdle, idleTimeout);
      return this;
    }

    /**
     * Sets how long an upstream call of a sessionless client waits, parked, for the client's retry
     * after the gateway answered {@code input_required} with the upstream's request (default 10
     * minutes). When the time is up, the upstream's request fails and the call is cancelled
     * upstream.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder inputTimeout(Duration timeout) {
      this.sessionless = sessionless.withInputTimeout(timeout);
      return this;
    }

    /**
     * Bounds the wait for another node of a cluster ({@link #redis}) when a sessionless client's
     * retry reaches a node other than the one that parked its call, and is carried there (default:
     * a word every 2 seconds, 10 seconds of silence at most). The node resuming the call says it is
     * still at it every {@code keepAlive}; the node that forwarded the retry gives up after {@code
     * silence} without a word (a node that died, a message lost in a Redis outage): its client gets
     * a JSON-RPC error ({@code -32603}) and the call is cancelled there. Give every node the same
     * values.
     *
     * @param keepAlive how often a node resuming a forwarded retry says so; positive
     * @param silence how long a node waits for the next word; at least twice {@code keepAlive}
     * @return this builder
     * @throws IllegalArgumentException if a bound is out of range
     */
    public Builder forwardedRetries(Duration keepAlive, Duration silence) {
      this.sessionless = sessionless.withForwarding(keepAlive, silence);
      return this;
    }

    /**
     * Records a tape of every client session: each message both ways at the gateway, with its time,
     * direction and upstream, secrets redacted, in one JSON Lines file per session (the format is
     * described in {@link dev.mcpkit.gateway.tape}). Written by one thread behind a bounded queue:
     * requests never wait on the disk; a full queue drops and counts ({@link
     * McpGateway#tapeStats()}). Sessionless (2026-07-28) requests are not recorded.
     *
     * @param settings the directory, bounds and redactions
     * @return this builder
     */
    public Builder tapes(TapeSettings settings) {
      this.tapes = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Builds the gateway: starts the stdio upstreams' processes and asks every upstream for its
     * self-description and catalogue once (a session opened and closed again), so that the gateway
     * can declare the capabilities and instructions, and report name collisions.
     *
     * @return the gateway
     * @throws IllegalStateException if no upstream was added, or an upstream cannot be reached,
     *     started or refuses (the message names it), or the Redis of a cluster cannot be reached;
     *     the processes started are stopped again
     */
    public McpGateway build() {
      if (upstreams.isEmpty()) {
        throw new IllegalStateException("a gateway needs at least one upstream");
      }
      List<Upstream> connectors = new ArrayList<>();
      for (UpstreamConfig upstream : upstreams.values()) {
        connectors.add(
            upstream.isStdio()
                ? new StdioUpstream(upstream, "mcpkit-gateway", "0.1.0")
                : upstream.isTape()
                    ? new ReplayUpstream(upstream)
                    : new HttpUpstream(upstream, "mcpkit-gateway", "0.1.0"));
      }
      UpstreamProbe.Result probe;
      try {
        probe = UpstreamProbe.probe(connectors, separator);
      } catch (RuntimeException e) {
        connectors.forEach(Upstream::close);
        throw e;
      }
      ClusterStores cluster;
      try {
        cluster = redis == null ? null : ClusterStores.redis(redis, sessionPolicy);
      } catch (RuntimeException e) {
        connectors.forEach(Upstream::close);
        throw e;
      }
      TapeRecorder recorder = tapes == null ? null : new TapeRecorder(tapes);
      List<Upstream> served = connectors;
      if (recorder != null) {
        served = new ArrayList<>();
        for (Upstream connector : connectors) {
          served.add(new TapedUpstream(connector, recorder));
        }
      }
      GatewayMethods methods =
          new GatewayMethods(
              served,
              probe.capabilities(),
              separator,
              policy,
              rateLimits,
              observer,
              cluster == null
                  ? UpstreamSessionDirectory.LOCAL
                  : UpstreamSessionDirectory.shared(cluster.sessionStore()),
              sessionless,
              cluster);
      SessionManagers.Builder managed =
          SessionManagers.builder()
              .policy(sessionPolicy)
              .listener(
                  event -> {
                    if (event.to() == SessionState.CLOSED) {
                      methods.sessionClosed(
                          event.session(), requireNonNull(event.closeReason(), "closeReason"));
                      if (recorder != null) {
                        recorder.sessionClosed(event.session().id().value());
                      }
                    }
                  });
      if (cluster != null) {
        managed.store(cluster.sessionStore());
      }
      SessionManager sessions = managed.build();
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
      McpEngines.Builder engines = engineBuilder(config.build(), sessions).dynamicMethods(methods);
      if (cluster != null) {
        engines.events(cluster.eventStore());
      }
      McpEngine core = engines.build();
      methods.publishTo(core.notifications());
      McpEngine engine = new TraceHeaderEngine(TransportEngine.of(core));
      if (cluster != null) {
        engine = cluster.cluster(engine);
      }
      if (recorder != null) {
        // Outermost: the tape sees what this node's client sent and was sent.
        engine = new TapingEngine(TransportEngine.of(engine), recorder);
      }
      return new McpGateway(
          sessions, engine, methods, probe.warnings(), connectors, recorder, cluster);
    }

    private McpEngines.Builder engineBuilder(McpServerConfig config, SessionManager sessions) {
      McpEngines.Builder builder = McpEngines.builder(config, sessions);
      byte[] key = requestStateKey;
      if (key != null) {
        builder.requestStateKey(key);
      }
      return builder;
    }
  }
}
