package dev.mcpkit.metrics.internal;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpServerObserver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code SERVER} span per request, its parent read from {@code params._meta} with the W3C trace
 * context propagator, current while the request runs (the engine starts and ends an operation on
 * the same thread, so the scope is closed where it was opened). Thread-safe.
 */
public final class TracingServerObserver implements McpServerObserver {
  private final Tracer tracer;
  private final McpServerObserver next;

  /**
   * Creates the observer.
   *
   * @param tracer the tracer
   * @param next called inside each span
   */
  public TracingServerObserver(Tracer tracer, McpServerObserver next) {
    this.tracer = tracer;
    this.next = next;
  }

  @Override
  public Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta) {
    return operationStarted(method, target, version, meta, null);
  }

  // The scope outlives this method on purpose: the returned Operation closes it when the
  // operation ends.
  @SuppressWarnings("MustBeClosedChecker")
  @Override
  public Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta,
      @Nullable String networkProtocolVersion) {
    Context parent =
        meta == null
            ? Context.root()
            : W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), meta, MetaGetter.INSTANCE);
    AttributesBuilder attributes = Attributes.builder();
    McpAttributes.started(attributes, method, target, version);
    McpAttributes.ended(attributes, null, networkProtocolVersion);
    Span span =
        tracer
            .spanBuilder(McpAttributes.spanName(method, target))
            .setSpanKind(SpanKind.SERVER)
            .setParent(parent)
            .setAllAttributes(attributes.build())
            .startSpan();
    Scope scope = parent.with(span).makeCurrent();
    Operation inner = next.operationStarted(method, target, version, meta, networkProtocolVersion);
    return errorType -> {
      try {
        inner.ended(errorType);
        if (errorType != null) {
          AttributesBuilder failure = Attributes.builder();
          McpAttributes.ended(failure, errorType, null);
          span.setAllAttributes(failure.build());
          span.setStatus(StatusCode.ERROR);
        }
      } finally {
        scope.close();
        span.end();
      }
    };
  }
}
