package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.HTTP_REQUEST_METHOD;
import static dev.mcpkit.metrics.internal.Names.HTTP_RESPONSE_STATUS_CODE;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_NAME;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.URL_SCHEME;

import dev.mcpkit.api.spi.transport.HttpServerObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Set;

/**
 * HTTP server metrics per the HTTP semantic conventions ({@code http.server.request.duration},
 * {@code http.server.active_requests}) plus open SSE streams, SSE streams refused or cut off by the
 * transport's limits, and executor saturation. Thread-safe.
 */
public final class HttpServerMetrics implements HttpServerObserver {
  /** Methods reported as they are; anything else is {@code _OTHER}, as the conventions say. */
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "POST", "DELETE", "PUT", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE");

  private static final AttributeKey<String> REASON =
      AttributeKey.stringKey("mcpkit.sse.rejection_reason");
  private static final Attributes TOO_MANY_STREAMS = Attributes.of(REASON, "too_many_streams");
  private static final Attributes SLOW_CONSUMER = Attributes.of(REASON, "slow_consumer");

  private final DoubleHistogram duration;
  private final LongUpDownCounter active;
  private final LongUpDownCounter sseStreams;
  private final LongCounter saturated;
  private final LongCounter sseRejected;

  /**
   * Creates the instruments.
   *
   * @param meter the meter
   */
  public HttpServerMetrics(Meter meter) {
    this.duration =
        meter
            .histogramBuilder("http.server.request.duration")
            .setDescription("Duration of HTTP server requests.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.HTTP_BUCKETS)
            .build();
    this.active =
        meter
            .upDownCounterBuilder("http.server.active_requests")
            .setDescription("Number of active HTTP server requests.")
            .setUnit("{request}")
            .build();
    this.sseStreams =
        meter
            .upDownCounterBuilder("mcpkit.server.sse.streams")
            .setDescription("Open GET SSE streams of sessions.")
            .setUnit("{stream}")
            .build();
    this.saturated =
        meter
            .counterBuilder("mcpkit.server.executor.saturated")
            .setDescription("Requests refused with 503 because the bounded executor was saturated.")
            .setUnit("{request}")
            .build();
    this.sseRejected =
        meter
            .counterBuilder("mcpkit.server.sse.rejected")
            .setDescription(
                "SSE streams refused (too_many_streams: 429) or cut off (slow_consumer: a client"
                    + " that stopped reading filled its bounded queue), by reason.")
            .setUnit("{stream}")
            .build();
  }

  /** The method as the conventions report it: one of the known ones, or {@code _OTHER}. */
  static String knownMethod(String method) {
    return KNOWN_METHODS.contains(method) ? method : "_OTHER";
  }

  @Override
  public Exchange requestStarted(String method, String protocolVersion, String scheme) {
    long start = System.nanoTime();
    String knownMethod = knownMethod(method);
    Attributes activeAttributes =
        Attributes.of(HTTP_REQUEST_METHOD, knownMethod, URL_SCHEME, scheme);
    active.add(1, activeAttributes);
    return (status, failed) -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      active.add(-1, activeAttributes);
      AttributesBuilder attributes =
          Attributes.builder()
              .put(HTTP_REQUEST_METHOD, knownMethod)
              .put(URL_SCHEME, scheme)
              .put(NETWORK_PROTOCOL_NAME, "http")
              .put(NETWORK_PROTOCOL_VERSION, protocolVersion)
              .put(HTTP_RESPONSE_STATUS_CODE, (long) status);
      if (failed) {
        attributes.put(ERROR_TYPE, "_OTHER");
      } else if (status >= 500) {
        attributes.put(ERROR_TYPE, Integer.toString(status));
      }
      duration.record(seconds, attributes.build());
    };
  }

  @Override
  public void sseStreamOpened() {
    sseStreams.add(1);
  }

  @Override
  public void sseStreamClosed() {
    sseStreams.add(-1);
  }

  @Override
  public void executorSaturated() {
    saturated.add(1);
  }

  @Override
  public void sseStreamRefused() {
    sseRejected.add(1, TOO_MANY_STREAMS);
  }

  @Override
  public void sseStreamOverflowed() {
    sseRejected.add(1, SLOW_CONSUMER);
  }
}
