package dev.mcpkit.examples;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.ServerNotifications;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.metrics.McpMetrics;
import dev.mcpkit.metrics.prometheus.PrometheusMetrics;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The "everything" server: every tool, resource, template, prompt and completion that the official
 * MCP conformance suite's server scenarios expect ({@code interop/EVERYTHING-SERVER.md}), over
 * Streamable HTTP with in-memory sessions. The default of {@code ./run-example}:
 *
 * <pre>
 * ./run-example                                   # 127.0.0.1:8080
 * ./run-example EverythingServer --port 0         # a free port
 * ./run-example EverythingServer --stdio          # on stdin/stdout, for a stdio client
 * </pre>
 *
 * <p>Over HTTP, once it serves, it prints one line, {@code MCP endpoint: http://HOST:PORT/mcp}, on
 * standard output; logs go to standard error.
 *
 * <p>The definitions live in {@link EverythingTools} (tools) and {@link EverythingCatalog}
 * (resources, template, prompts, completion); this class wires them to an engine and a server.
 *
 * <p>Telemetry: OpenTelemetry is built by autoconfigure ({@code OTEL_*} variables; see {@link
 * PrometheusMetrics#autoConfigured(String)}); every request gets a {@code SERVER} span whose parent
 * is the trace context the client sent in {@code params._meta}, and the metrics are served at
 * {@code /metrics} in the Prometheus text format.
 *
 * <p>Thread-safe.
 */
public final class EverythingServer implements AutoCloseable {
  /**
   * Sessions are never DELETEd by the conformance suite 0.1.16 (about 35 stay open per run), so the
   * limit leaves room for many runs against one server, idle ones are reclaimed after ten minutes,
   * and at the limit the longest-idle session makes room instead of a new client being refused.
   */
  static final SessionPolicy SESSION_POLICY = sessionPolicy(Duration.ofMinutes(10));

  /** Both protocol generations: what the server serves without {@code --protocol}. */
  static final Set<McpEngines.Generation> ALL_GENERATIONS =
      Set.of(McpEngines.Generation.SESSIONS, McpEngines.Generation.STATELESS);

  private static SessionPolicy sessionPolicy(Duration idleTimeout) {
    return SessionPolicy.builder()
        .idleTimeout(idleTimeout)
        .maxSessions(1_000)
        .admissionPolicy(SessionPolicy.AdmissionPolicy.EVICT_LONGEST_IDLE)
        .build();
  }

  /** How often subscribers of {@code test://watched-resource} hear that it changed. */
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(3);

  /** Where the Prometheus text exposition of the server's metrics is served. */
  static final String METRICS_PATH = PrometheusMetrics.PATH;

  private final SessionManager sessions;
  private final McpHttpServer server;
  private final Thread watcher;
  private final PrometheusMetrics prometheus;

  private EverythingServer(
      SessionManager sessions, McpHttpServer server, Thread watcher, PrometheusMetrics prometheus) {
    this.sessions = sessions;
    this.server = server;
    this.watcher = watcher;
    this.prometheus = prometheus;
  }

  /**
   * The server's definition.
   *
   * @return the configuration
   */
  static McpServerConfig config() {
    return config(new AtomicReference<>());
  }

  /**
   * The server's definition, with a hook for the tools that publish changes.
   *
   * @param notifications set to the engine's publisher once the engine exists
   * @return the configuration
   */
  static McpServerConfig config(AtomicReference<@Nullable ServerNotifications> notifications) {
    McpServerConfig.Builder builder =
        McpServerConfig.builder()
            .serverInfo("mcpkit-everything-server", "1.0.0")
            .instructions(
                "A test server exposing every MCP feature the conformance suite exercises.");
    EverythingTools.all().forEach(builder::tool);
    // What the scenarios of revision 2026-07-28 expect beside them; the same code serves both eras.
    Revision2026Tools.all(notifications).forEach(builder::tool);
    // What the Tasks extension's scenarios (tasks-*) expect.
    TaskTools.all().forEach(builder::tool);
    return EverythingCatalog.addResourcesAndPrompts(builder)
        .prompt(Revision2026Tools.prompt())
        .skills(EverythingSkills.bundled())
        .build();
  }

  /**
   * Starts the server.
   *
   * @param host the address to bind (loopback unless you mean otherwise)
   * @param port the port; 0 picks a free one
   * @param listeners listeners of the sessions' lifecycle (tests watch closes with them)
   * @return the running server
   * @throws IllegalStateException if it cannot bind
   */
  static EverythingServer start(String host, int port, SessionListener... listeners) {
    return startWithTelemetry(host, port, UnaryOperator.identity(), listeners);
  }

  /**
   * Starts the server serving only some protocol generations ({@code --protocol}).
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one
   * @param generations the generations served: session-based, stateless (2026-07-28), or both
   * @return the running server
   */
  static EverythingServer start(String host, int port, Set<McpEngines.Generation> generations) {
    return startWithTelemetry(
        host, port, SESSION_POLICY, UnaryOperator.identity(), null, generations);
  }

  /**
   * Starts the server protected as an OAuth resource server.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one before the server binds (the resource URI, which
   *     tokens must name, includes it)
   * @param auth the authorization server, resource URI and required scopes
   * @return the running server
   */
  static EverythingServer start(String host, int port, AuthOptions auth) {
    return startWithTelemetry(
        host, port, SESSION_POLICY, UnaryOperator.identity(), requireNonNull(auth, "auth"));
  }

  /**
   * Starts the server with {@link #SESSION_POLICY} but the given idle timeout.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free port
   * @param idleTimeout how long an idle session lives
   * @return the running server
   */
  static EverythingServer start(String host, int port, Duration idleTimeout) {
    return startWithTelemetry(
        host, port, sessionPolicy(idleTimeout), UnaryOperator.identity(), null);
  }

  /**
   * Starts the server with OpenTelemetry configured by autoconfigure ({@code OTEL_*}), then by the
   * given customizer.
   *
   * @param host the address to bind
   * @param port the port; 0 picks a free one
   * @param telemetry a last say over the autoconfigure builder (tests add an in-memory exporter)
   * @param listeners listeners of the sessions' lifecycle
   * @return the running server
   */
  static EverythingServer startWithTelemetry(
      String host,
      int port,
      UnaryOperator<AutoConfiguredOpenTelemetrySdkBuilder> telemetry,
      SessionListener... listeners) {
    return startWithTelemetry(host, port, SESSION_POLICY, telemetry, null, listeners);
  }

  private static EverythingServer startWithTelemetry(
      String host,
      int port,
      SessionPolicy policy,
      UnaryOperator<AutoConfiguredOpenTelemetrySdkBuilder> telemetry,
      @Nullable AuthOptions auth,
      SessionListener... listeners) {
    return startWithTelemetry(host, port, policy, telemetry, auth, ALL_GENERATIONS, listeners);
  }

  private static EverythingServer startWithTelemetry(
      String host,
      int port,
      SessionPolicy policy,
      UnaryOperator<AutoConfiguredOpenTelemetrySdkBuilder> telemetry,
      @Nullable AuthOptions auth,
      Set<McpEngines.Generation> generations,
      SessionListener... listeners) {
    requireNonNull(host, "host");
    // A protected server must know its resource URI, port included, before it binds.
    int boundPort = auth != null && port == 0 ? freePort(host) : port;
    PrometheusMetrics prometheus =
        PrometheusMetrics.autoConfigured("mcpkit-everything-server", telemetry);
    McpMetrics metrics = prometheus.metrics();
    SessionManagers.Builder sessionsBuilder =
        SessionManagers.builder().policy(policy).listener(metrics.sessionListener());
    for (SessionListener listener : listeners) {
      sessionsBuilder.listener(listener);
    }
    SessionManager sessions = sessionsBuilder.build();
    AtomicReference<@Nullable ServerNotifications> publisher = new AtomicReference<>();
    McpEngine engine =
        McpEngines.builder(config(publisher), sessions)
            .observer(prometheus.serverObserver())
            .generations(generations.toArray(McpEngines.Generation[]::new))
            .build();
    publisher.set(engine.notifications());
    McpHttpServer.Builder serverBuilder =
        prometheus.serveOn(McpHttpServer.builder().host(host).port(boundPort).engine(engine));
    if (auth != null) {
      String uriHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
      URI endpoint = URI.create("http://" + uriHost + ":" + boundPort + McpHttpServer.DEFAULT_PATH);
      auth.resourceServer(endpoint).install(serverBuilder);
    }
    McpHttpServer server = serverBuilder.build();
    try {
      server.start();
    } catch (RuntimeException e) {
      sessions.close();
      prometheus.close();
      throw e;
    }
    Thread watcher =
        Thread.ofVirtual()
            .name("everything-watched-resource")
            .start(
                () -> {
                  try {
                    while (true) {
                      Thread.sleep(WATCH_INTERVAL);
                      engine.notifications().resourceUpdated(EverythingCatalog.WATCHED);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closing: let the thread end
                  }
                });
    return new EverythingServer(sessions, server, watcher, prometheus);
  }

  /** A port that was free a moment ago on the host. */
  private static int freePort(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + host, e);
    }
  }

  /**
   * Returns the MCP endpoint.
   *
   * @return e.g. {@code http://127.0.0.1:8080/mcp}
   */
  URI endpoint() {
    return server.endpoint();
  }

  /** Blocks until the server stops. */
  void join() throws InterruptedException {
    server.join();
  }

  /** Stops serving (gracefully), then closes every session. Idempotent. */
  @Override
  public void close() {
    watcher.interrupt();
    server.close();
    sessions.close();
    prometheus.close();
  }

  /**
   * Returns the metrics endpoint ({@code /metrics}, Prometheus text format).
   *
   * @return e.g. {@code http://127.0.0.1:8080/metrics}
   */
  URI metricsEndpoint() {
    return server.endpoint().resolve(METRICS_PATH);
  }

  /**
   * Serves on standard input and output until the input ends: the same tools, resources and
   * prompts, without the HTTP endpoint and its metrics.
   */
  private static void serveStdio(ServerOptions options) {
    SessionManager sessions =
        SessionManagers.builder()
            .policy(
                options
                    .idleTimeoutOption()
                    .map(EverythingServer::sessionPolicy)
                    .orElse(SESSION_POLICY))
            .build();
    AtomicReference<@Nullable ServerNotifications> publisher = new AtomicReference<>();
    McpEngine engine =
        McpEngines.builder(config(publisher), sessions)
            .generations(options.generations().toArray(McpEngines.Generation[]::new))
            .build();
    publisher.set(engine.notifications());
    StdioServing.serve(engine, sessions);
  }

  /**
   * Starts the server and blocks until the process ends.
   *
   * @param args {@code --host HOST} (default 127.0.0.1), {@code --port PORT} (default 8080, 0 for a
   *     free port), {@code --idle-timeout SECONDS} (default 600, from 2 to 86,400; the soak of
   *     {@code mcp-benchmarks/scripts/soak.sh} runs it with 20), and to run protected as an OAuth
   *     resource server {@code --auth-issuer URL} (the authorization server), {@code
   *     --auth-resource URI} (default: the endpoint's URL) and {@code --auth-scopes a,b} (required
   *     scopes; default none); or {@code --stdio} to serve on standard input and output (no {@code
   *     MCP endpoint:} line then: standard output is the protocol); {@code --protocol
   *     sessions|stateless} serves only the session-based revisions or only 2026-07-28 (default:
   *     both)
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (options.stdio()) {
      serveStdio(options);
      return;
    }
    AuthOptions auth = options.auth();
    EverythingServer server =
        startWithTelemetry(
            options.host(),
            options.port(),
            options.idleTimeoutOption().map(EverythingServer::sessionPolicy).orElse(SESSION_POLICY),
            UnaryOperator.identity(),
            auth,
            options.generations());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "everything-server-shutdown"));
    System.out.println("MCP endpoint: " + server.endpoint());
    System.err.println("Metrics: " + server.metricsEndpoint()); // stdout keeps its one line
    if (auth != null) {
      System.err.println("Protected: tokens of " + auth.issuer() + " needed");
    }
    server.join();
  }
}
