package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.JSONRPC_REQUEST_ID;
import static dev.mcpkit.metrics.internal.Names.SERVER_ADDRESS;
import static dev.mcpkit.metrics.internal.Names.SERVER_PORT;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpClientObserver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * A {@code CLIENT} span per request, child of the caller's current context, whose W3C trace context
 * ({@code traceparent}, {@code tracestate}) is written into the request's {@code params._meta}, so
 * the server's span becomes its child. Sessions are handed to the next observer untraced.
 * Thread-safe.
 */
public final class TracingClientObserver implements McpClientObserver {
  private final Tracer tracer;
  private final McpClientObserver next;

  /**
   * Creates the observer.
   *
   * @param tracer the tracer
   * @param next called after the span started, with the same meta writer
   */
  public TracingClientObserver(Tracer tracer, McpClientObserver next) {
    this.tracer = tracer;
    this.next = next;
  }

  @Override
  public Operation operationStarted(Request request, MetaWriter meta) {
    Context parent = Context.current();
    AttributesBuilder attributes = Attributes.builder();
    McpAttributes.started(
        attributes, request.method(), request.target(), request.protocolVersion());
    attributes
        .put(JSONRPC_REQUEST_ID, request.requestId())
        .put(SERVER_ADDRESS, request.serverAddress())
        .put(SERVER_PORT, (long) request.serverPort());
    Span span =
        tracer
            .spanBuilder(McpAttributes.spanName(request.method(), request.target()))
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent)
            .setAllAttributes(attributes.build())
            .startSpan();
    W3CTraceContextPropagator.getInstance()
        .inject(parent.with(span), meta, MetaWriterSetter.INSTANCE);
    Operation inner = next.operationStarted(request, meta);
    return (errorType, networkProtocolVersion) -> {
      try {
        inner.ended(errorType, networkProtocolVersion);
        AttributesBuilder outcome = Attributes.builder();
        McpAttributes.ended(outcome, errorType, networkProtocolVersion);
        span.setAllAttributes(outcome.build());
        if (errorType != null) {
          span.setStatus(StatusCode.ERROR);
        }
      } finally {
        span.end();
      }
    };
  }

  @Override
  public SessionHandle sessionStarted(
      ProtocolVersion version,
      @Nullable String networkProtocolVersion,
      String serverAddress,
      int serverPort) {
    return next.sessionStarted(version, networkProtocolVersion, serverAddress, serverPort);
  }
}
