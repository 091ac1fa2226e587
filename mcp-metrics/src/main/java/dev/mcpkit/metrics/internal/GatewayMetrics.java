package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.MCP_METHOD_NAME;

import dev.mcpkit.api.spi.McpClientObserver.MetaWriter;
import dev.mcpkit.gateway.GatewayObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's upstream instruments and spans (see {@code GatewayTelemetry}): call durations and
 * failures, open upstream sessions, breaker states, and a {@code CLIENT} span per upstream call
 * whose context goes into the upstream request's {@code _meta}.
 *
 * <p>Thread-safe: the instruments are; the breaker states sit in a concurrent map that the gauge's
 * callback only reads; per-upstream session attributes are cached in another.
 */
public final class GatewayMetrics implements GatewayObserver {
  static final AttributeKey<String> UPSTREAM = AttributeKey.stringKey("mcpkit.gateway.upstream");
  static final AttributeKey<String> BREAKER_STATE =
      AttributeKey.stringKey("mcpkit.gateway.breaker.state");

  /**
   * Durations of proxied calls are sub-millisecond on a good day and the upstream's timeout on a
   * bad one: finer at the low end than the MCP conventions' advice, which starts at 10 ms.
   */
  static final List<Double> UPSTREAM_BUCKETS =
      List.of(
          0.0002, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
          10.0, 30.0, 60.0);

  private final Tracer tracer;
  private final DoubleHistogram duration;
  private final LongCounter errors;
  private final LongUpDownCounter sessions;
  private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
  private final Map<String, Attributes> byUpstream = new ConcurrentHashMap<>();

  /**
   * Creates the instruments.
   *
   * @param meter the meter
   * @param tracer the tracer of the upstream calls' spans
   */
  public GatewayMetrics(Meter meter, Tracer tracer) {
    this.tracer = tracer;
    this.duration =
        meter
            .histogramBuilder("mcpkit.gateway.upstream.duration")
            .setDescription("Duration of the requests the gateway sent to an upstream.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(UPSTREAM_BUCKETS)
            .build();
    this.errors =
        meter
            .counterBuilder("mcpkit.gateway.upstream.errors")
            .setDescription("Upstream requests that gave no result, by kind of failure.")
            .setUnit("{error}")
            .build();
    this.sessions =
        meter
            .upDownCounterBuilder("mcpkit.gateway.upstream.sessions")
            .setDescription("Upstream sessions the gateway holds for its client sessions.")
            .setUnit("{session}")
            .build();
    meter
        .gaugeBuilder("mcpkit.gateway.upstream.breaker.state")
        .setDescription(
            "1 for the state each upstream's circuit breaker is in, 0 for the other states.")
        .setUnit("1")
        .ofLongs()
        .buildWithCallback(this::observeBreakers);
  }

  private void observeBreakers(ObservableLongMeasurement measurement) {
    breakers.forEach(
        (upstream, current) -> {
          for (BreakerState state : BreakerState.values()) {
            measurement.record(
                state == current ? 1 : 0,
                Attributes.of(UPSTREAM, upstream, BREAKER_STATE, state.wireName()));
          }
        });
  }

  @Override
  public UpstreamCall callStarted(Call call, MetaWriter meta) {
    long start = System.nanoTime();
    AttributesBuilder attributes = Attributes.builder();
    McpAttributes.started(attributes, call.method(), call.target(), null);
    Span span =
        tracer
            .spanBuilder(McpAttributes.spanName(call.method(), call.target()))
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent(call))
            .setAllAttributes(attributes.put(UPSTREAM, call.upstream()).build())
            .startSpan();
    // Without a tracer the span is invalid and nothing is written: the client's context, which
    // the gateway copied already, goes on as it is.
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current().with(span), meta, MetaWriterSetter.INSTANCE);
    return failure -> {
      try {
        AttributesBuilder outcome =
            Attributes.builder().put(UPSTREAM, call.upstream()).put(MCP_METHOD_NAME, call.method());
        if (failure != null) {
          outcome.put(ERROR_TYPE, failure.wireName());
          errors.add(1, outcome.build());
          span.setAttribute(ERROR_TYPE, failure.wireName());
          span.setStatus(StatusCode.ERROR);
        }
        duration.record((System.nanoTime() - start) / Names.NANOS_PER_SECOND, outcome.build());
      } finally {
        span.end();
      }
    };
  }

  /**
   * The current span when there is one (the gateway's own server span), else the trace context the
   * client sent.
   */
  private static Context parent(Call call) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid() || call.clientMeta() == null) {
      return current;
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(current, call.clientMeta(), MetaGetter.INSTANCE);
  }

  @Override
  public void upstreamSessionOpened(String upstream) {
    sessions.add(1, attributes(upstream));
  }

  @Override
  public void upstreamSessionClosed(String upstream) {
    sessions.add(-1, attributes(upstream));
  }

  @Override
  public void breakerChanged(String upstream, BreakerState state) {
    breakers.put(upstream, state);
  }

  private Attributes attributes(String upstream) {
    return byUpstream.computeIfAbsent(upstream, name -> Attributes.of(UPSTREAM, name));
  }
}
