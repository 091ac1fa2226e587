package dev.mcpkit.metrics;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.gateway.GatewayObserver;
import dev.mcpkit.metrics.internal.GatewayMetrics;
import io.opentelemetry.api.OpenTelemetry;

/**
 * OpenTelemetry metrics and traces of an mcpkit gateway's upstreams, through its {@link
 * GatewayObserver}. Needs {@code mcp-gateway} on the module path (this module reads it only
 * statically).
 *
 * <p>Instruments ({@code mcpkit.*}; every one has {@code mcpkit.gateway.upstream}, the upstream's
 * name):
 *
 * <ul>
 *   <li>{@code mcpkit.gateway.upstream.duration} (histogram, {@code s}): each request the gateway
 *       sent to an upstream (or refused for it), by {@code mcp.method.name} and, when it gave no
 *       result, {@code error.type}: {@code timeout}, {@code breaker_open}, {@code transport},
 *       {@code jsonrpc_error}, {@code cancelled}
 *   <li>{@code mcpkit.gateway.upstream.errors} (counter, {@code {error}}): the same failures, by
 *       {@code mcp.method.name} and {@code error.type}
 *   <li>{@code mcpkit.gateway.upstream.sessions} (up-down counter, {@code {session}}): upstream
 *       sessions open, one per client session and upstream it used
 *   <li>{@code mcpkit.gateway.upstream.breaker.state} (gauge, {@code 1}): 1 for the state each
 *       upstream's circuit breaker is in, 0 for the others, by {@code mcpkit.gateway.breaker.state}
 *       ({@code closed}, {@code open}, {@code half_open})
 * </ul>
 *
 * <p>Traces: a {@code CLIENT} span per upstream request, named like the MCP client spans ({@code
 * tools/call <tool>}), child of the current span (the gateway's own {@code SERVER} span when the
 * engine is traced with {@link McpTracing}) or else of the trace context the client sent in {@code
 * params._meta}; its context replaces that one in the upstream request's {@code _meta}, so each hop
 * has its own span id. Without a tracer ({@link OpenTelemetry#noop()}) the client's context travels
 * on as it is.
 *
 * <p>Thread-safe; create one per gateway.
 *
 * {@snippet :
 * McpGateway gateway = McpGateway.builder()
 *     .upstream(UpstreamConfig.http("docs", URI.create("http://127.0.0.1:8081/mcp")))
 *     .observer(GatewayTelemetry.create(openTelemetry).observer())
 *     .build();
 * }
 */
public final class GatewayTelemetry {
  private final GatewayMetrics observer;

  private GatewayTelemetry(OpenTelemetry openTelemetry) {
    this.observer =
        new GatewayMetrics(
            openTelemetry.getMeter(McpMetrics.INSTRUMENTATION_SCOPE),
            openTelemetry.getTracer(McpMetrics.INSTRUMENTATION_SCOPE));
  }

  /**
   * Creates the instruments with the meter and tracer {@value McpMetrics#INSTRUMENTATION_SCOPE} of
   * the given OpenTelemetry.
   *
   * @param openTelemetry where the meter and the tracer come from
   * @return the telemetry
   */
  public static GatewayTelemetry create(OpenTelemetry openTelemetry) {
    return new GatewayTelemetry(requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * Returns the observer to hand to {@code McpGateway.Builder.observer}.
   *
   * @return the observer; thread-safe
   */
  public GatewayObserver observer() {
    return observer;
  }
}
