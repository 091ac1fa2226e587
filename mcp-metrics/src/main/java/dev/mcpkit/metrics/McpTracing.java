package dev.mcpkit.metrics;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.spi.McpClientObserver;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.metrics.internal.TracingClientObserver;
import dev.mcpkit.metrics.internal.TracingServerObserver;
import io.opentelemetry.api.OpenTelemetry;

/**
 * OpenTelemetry traces for mcpkit servers and clients: a {@code SERVER} span per MCP request, named
 * {@code tools/call <tool>} (or the bare method), whose parent is the W3C trace context the client
 * sent in {@code params._meta} ({@code traceparent}, {@code tracestate}), as the MCP specification
 * documents. The span is current while the request runs, so spans the tool handler starts nest
 * under it. On the client side, a {@code CLIENT} span per request, child of the caller's current
 * context, whose context is written into the request's {@code params._meta} so that the server's
 * span joins the same trace.
 *
 * <p>Thread-safe; create one per server.
 *
 * {@snippet :
 * McpMetrics metrics = McpMetrics.create(otel);
 * McpServerObserver observer = McpTracing.create(otel).serverObserver(metrics.serverObserver());
 * McpEngine engine = McpEngines.builder(config, sessions).observer(observer).build();
 *
 * McpClient client = McpHttpClient.builder(endpoint)
 *     .observer(McpTracing.create(otel).clientObserver(metrics.clientObserver()))
 *     .build();
 * }
 */
public final class McpTracing {
  private final OpenTelemetry openTelemetry;

  private McpTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
  }

  /**
   * Creates the tracing with the tracer {@value McpMetrics#INSTRUMENTATION_SCOPE} of the given
   * OpenTelemetry.
   *
   * @param openTelemetry where the tracer comes from
   * @return the tracing
   */
  public static McpTracing create(OpenTelemetry openTelemetry) {
    return new McpTracing(requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * Returns an observer that traces each request and then hands it to another observer (the
   * metrics, typically), with the request's span current for both.
   *
   * @param next the observer to call inside the span; {@link McpServerObserver#NONE} for none
   * @return the observer; thread-safe
   */
  public McpServerObserver serverObserver(McpServerObserver next) {
    return new TracingServerObserver(
        openTelemetry.getTracer(McpMetrics.INSTRUMENTATION_SCOPE), requireNonNull(next, "next"));
  }

  /**
   * Returns an observer that traces each request a client sends (and injects its trace context into
   * {@code params._meta}) and then hands it to another observer (the metrics, typically).
   *
   * @param next the observer to call after the span started; {@link McpClientObserver#NONE} for
   *     none
   * @return the observer; thread-safe
   */
  public McpClientObserver clientObserver(McpClientObserver next) {
    return new TracingClientObserver(
        openTelemetry.getTracer(McpMetrics.INSTRUMENTATION_SCOPE), requireNonNull(next, "next"));
  }
}
