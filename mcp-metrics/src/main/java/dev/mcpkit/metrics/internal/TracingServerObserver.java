package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_PROMPT_NAME;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_TOOL_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_METHOD_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_TRANSPORT;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpServerObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A {@code SERVER} span per request, its parent read from {@code params._meta} with the W3C trace
 * context propagator, current while the request runs (the engine starts and ends an operation on the
 * same thread, so the scope is closed where it was opened). Thread-safe.
 */
public final class TracingServerObserver implements McpServerObserver {
  private static final AttributeKey<String> GEN_AI_OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");

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
      String method, @Nullable String target, @Nullable ProtocolVersion version, @Nullable JsonNode meta) {
    Context parent = meta == null ? Context.root()
        : W3CTraceContextPropagator.getInstance().extract(Context.root(), meta, MetaGetter.INSTANCE);
    SpanBuilder builder = tracer.spanBuilder(target == null ? method : method + " " + target)
        .setSpanKind(SpanKind.SERVER)
        .setParent(parent)
        .setAttribute(MCP_METHOD_NAME, method)
        .setAttribute(NETWORK_TRANSPORT, Names.TCP);
    if (target != null) {
      boolean prompt = method.equals("prompts/get");
      builder.setAttribute(prompt ? GEN_AI_PROMPT_NAME : GEN_AI_TOOL_NAME, target);
      if (!prompt) {
        builder.setAttribute(GEN_AI_OPERATION_NAME, "execute_tool");
      }
    }
    if (version != null) {
      builder.setAttribute(MCP_PROTOCOL_VERSION, version.wireName());
    }
    Span span = builder.startSpan();
    Scope scope = parent.with(span).makeCurrent();
    Operation inner = next.operationStarted(method, target, version, meta);
    return errorType -> {
      try {
        inner.ended(errorType);
        if (errorType != null) {
          span.setAttribute(ERROR_TYPE, errorType);
          span.setStatus(StatusCode.ERROR);
        }
      } finally {
        scope.close();
        span.end();
      }
    };
  }

  /** Reads string members of {@code _meta}. */
  private enum MetaGetter implements TextMapGetter<JsonNode> {
    INSTANCE;

    @Override
    public Iterable<String> keys(JsonNode carrier) {
      return carrier.propertyNames();
    }

    @Override
    public @Nullable String get(@Nullable JsonNode carrier, String key) {
      JsonNode value = carrier == null ? null : carrier.get(key);
      return value != null && value.isString() ? value.stringValue() : null;
    }
  }
}
