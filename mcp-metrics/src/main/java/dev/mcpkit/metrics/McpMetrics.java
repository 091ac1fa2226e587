package dev.mcpkit.metrics;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.api.spi.transport.HttpClientObserver;
import dev.mcpkit.api.spi.transport.HttpServerObserver;
import dev.mcpkit.metrics.internal.ClientMetrics;
import dev.mcpkit.metrics.internal.HttpClientMetrics;
import dev.mcpkit.metrics.internal.HttpServerMetrics;
import dev.mcpkit.metrics.internal.OperationMetrics;
import dev.mcpkit.metrics.internal.SessionMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;

/**
 * OpenTelemetry metrics for mcpkit servers and clients, fed through the api's SPIs: hand {@link
 * #sessionListener()} to the session manager, {@link #serverObserver()} to the engine and {@link
 * #httpServerObserver()} to the HTTP server; {@link #clientObserver()} and {@link
 * #httpClientObserver()} to an MCP client.
 *
 * <p>Instruments (semantic conventions for MCP and HTTP where they exist, {@code mcpkit.*} beside):
 *
 * <ul>
 *   <li>{@code mcp.server.operation.duration} (histogram, {@code s}): {@code mcp.method.name},
 *       {@code gen_ai.tool.name}, {@code gen_ai.prompt.name}, {@code gen_ai.operation.name} ({@code
 *       execute_tool} for {@code tools/call}), {@code mcp.protocol.version}, {@code error.type}
 *       (the JSON-RPC code, {@code tool_error}, {@code cancelled}), {@code
 *       rpc.response.status_code} (JSON-RPC codes), {@code network.transport}, {@code
 *       network.protocol.name}, {@code network.protocol.version}
 *   <li>{@code mcp.client.operation.duration} (histogram, {@code s}): the same, plus {@code
 *       server.address}, {@code server.port}; {@code error.type} is also an HTTP status, {@code
 *       timeout}, {@code cancelled} or {@code _OTHER}
 *   <li>{@code mcp.client.session.duration} (histogram, {@code s}): {@code mcp.protocol.version},
 *       {@code network.*}, {@code server.address}, {@code server.port}, {@code error.type} ({@code
 *       404} when the server dropped the session)
 *   <li>{@code mcp.server.session.duration} (histogram, {@code s}): {@code mcp.protocol.version},
 *       {@code network.transport}, {@code mcpkit.session.close_reason}, {@code error.type}
 *   <li>{@code mcpkit.server.sessions} (up-down counter, {@code {session}}) by {@code
 *       mcpkit.session.state}; {@code mcpkit.server.session.opened}, {@code
 *       mcpkit.server.session.closed} (by close reason), {@code mcpkit.server.session.rejected} (by
 *       {@code mcpkit.session.rejection_reason})
 *   <li>{@code http.server.request.duration} (histogram, {@code s}): {@code http.request.method},
 *       {@code http.response.status_code}, {@code url.scheme}, {@code network.protocol.name},
 *       {@code network.protocol.version}, {@code error.type}; {@code http.server.active_requests}
 *   <li>{@code http.client.request.duration} (histogram, {@code s}), {@code
 *       http.client.connection.duration} (histogram, {@code s}), {@code
 *       http.client.open_connections} by {@code http.connection.state} ({@code idle}, {@code
 *       active}), {@code mcpkit.client.connection.pending_acquisitions}
 *   <li>{@code mcpkit.server.sse.streams} (open GET streams), {@code
 *       mcpkit.server.executor.saturated}
 *   <li>Tool calls run as tasks, on the node running them: {@code mcpkit.server.task.transitions}
 *       (counter, {@code {task}}) by {@code mcpkit.task.status} ({@code working} when handed out,
 *       then {@code completed}, {@code failed} or {@code cancelled}) and {@code gen_ai.tool.name};
 *       {@code mcpkit.server.tasks.active} (up-down counter, {@code {task}}) by tool; {@code
 *       mcpkit.server.task.duration} (histogram, {@code s}, creation to terminal status) by tool
 *       and status
 * </ul>
 *
 * No session id or request id is ever an attribute.
 *
 * <p>Thread-safe; create one per server and share it.
 *
 * {@snippet :
 * McpMetrics metrics = McpMetrics.create(openTelemetry);
 * SessionManager sessions = SessionManagers.builder().listener(metrics.sessionListener()).build();
 * McpEngine engine = McpEngines.builder(config, sessions).observer(metrics.serverObserver()).build();
 * McpHttpServer server = McpHttpServer.builder().engine(engine).observer(metrics.httpServerObserver()).build();
 * }
 */
public final class McpMetrics {
  /** The instrumentation scope name of the meter taken from an {@link OpenTelemetry}. */
  public static final String INSTRUMENTATION_SCOPE = "dev.mcpkit";

  private final SessionMetrics sessions;
  private final OperationMetrics operations;
  private final HttpServerMetrics http;
  private final ClientMetrics client;
  private final HttpClientMetrics httpClient;

  private McpMetrics(Meter meter) {
    this.sessions = new SessionMetrics(meter);
    this.operations = new OperationMetrics(meter);
    this.http = new HttpServerMetrics(meter);
    this.client = new ClientMetrics(meter);
    this.httpClient = new HttpClientMetrics(meter);
  }

  /**
   * Creates the instruments with the meter {@value #INSTRUMENTATION_SCOPE} of the given
   * OpenTelemetry.
   *
   * @param openTelemetry where the meter comes from; {@link OpenTelemetry#noop()} costs next to
   *     nothing
   * @return the metrics
   */
  public static McpMetrics create(OpenTelemetry openTelemetry) {
    requireNonNull(openTelemetry, "openTelemetry");
    return create(openTelemetry.getMeter(INSTRUMENTATION_SCOPE));
  }

  /**
   * Creates the instruments with the given meter.
   *
   * @param meter the meter
   * @return the metrics
   */
  public static McpMetrics create(Meter meter) {
    return new McpMetrics(requireNonNull(meter, "meter"));
  }

  /**
   * Returns the listener that records session lifecycles and admission rejections.
   *
   * @return the listener; thread-safe
   */
  public SessionListener sessionListener() {
    return sessions;
  }

  /**
   * Returns the observer that records MCP operations.
   *
   * @return the observer; thread-safe
   */
  public McpServerObserver serverObserver() {
    return operations;
  }

  /**
   * Returns the observer that records HTTP exchanges, SSE streams and executor saturation.
   *
   * @return the observer; thread-safe
   */
  public HttpServerObserver httpServerObserver() {
    return http;
  }

  /**
   * Returns the observer that records an MCP client's operations and sessions.
   *
   * {@snippet :
   * McpClient client = McpHttpClient.builder(endpoint)
   *     .observer(metrics.clientObserver())
   *     .httpObserver(metrics.httpClientObserver())
   *     .build();
   * }
   *
   * @return the observer; thread-safe, shareable by many clients
   */
  public McpClientObserver clientObserver() {
    return client;
  }

  /**
   * Returns the observer that records an MCP client's HTTP exchanges, connections and pool.
   *
   * @return the observer; thread-safe, shareable by many clients
   */
  public HttpClientObserver httpClientObserver() {
    return httpClient;
  }
}
