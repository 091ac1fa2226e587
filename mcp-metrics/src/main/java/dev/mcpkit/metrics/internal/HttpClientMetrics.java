package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.HTTP_CONNECTION_STATE;
import static dev.mcpkit.metrics.internal.Names.HTTP_REQUEST_METHOD;
import static dev.mcpkit.metrics.internal.Names.HTTP_RESPONSE_STATUS_CODE;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_NAME;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.SERVER_ADDRESS;
import static dev.mcpkit.metrics.internal.Names.SERVER_PORT;
import static dev.mcpkit.metrics.internal.Names.URL_SCHEME;

import dev.mcpkit.api.spi.transport.HttpClientObserver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP client metrics per the HTTP semantic conventions: {@code http.client.request.duration},
 * {@code http.client.connection.duration}, and {@code http.client.open_connections} by {@code
 * http.connection.state} ({@code idle}, {@code active}), plus {@code
 * mcpkit.client.connection.pending_acquisitions} (requests queued for a connection; the conventions
 * name no such instrument). The pool figures are read from the registered pools when metrics are
 * collected, so they cost nothing per request.
 *
 * <p>Thread-safe: the registered pools sit in a concurrent set, and the collection callback only
 * reads them.
 */
public final class HttpClientMetrics implements HttpClientObserver {
  private final DoubleHistogram requests;
  private final DoubleHistogram connections;
  private final Set<ConnectionPool> pools = ConcurrentHashMap.newKeySet();

  /**
   * Creates the instruments.
   *
   * @param meter the meter
   */
  public HttpClientMetrics(Meter meter) {
    this.requests =
        meter
            .histogramBuilder("http.client.request.duration")
            .setDescription("Duration of HTTP client requests.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.HTTP_BUCKETS)
            .build();
    this.connections =
        meter
            .histogramBuilder("http.client.connection.duration")
            .setDescription(
                "The duration of the successfully established outbound HTTP connections.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.CONNECTION_BUCKETS)
            .build();
    meter
        .upDownCounterBuilder("http.client.open_connections")
        .setDescription(
            "Number of outbound HTTP connections that are currently active or idle on the client.")
        .setUnit("{connection}")
        .buildWithCallback(this::observeOpen);
    meter
        .upDownCounterBuilder("mcpkit.client.connection.pending_acquisitions")
        .setDescription("Requests waiting to acquire a connection from the client's pool.")
        .setUnit("{request}")
        .buildWithCallback(this::observePending);
  }

  private static AttributesBuilder server(String scheme, String address, int port) {
    return Attributes.builder()
        .put(SERVER_ADDRESS, address)
        .put(SERVER_PORT, (long) port)
        .put(URL_SCHEME, scheme);
  }

  /** Several clients to one server report one sum per attribute set, as an observation must. */
  private void observeOpen(ObservableLongMeasurement measurement) {
    Map<Attributes, Long> counts = new HashMap<>();
    for (ConnectionPool pool : pools) {
      AttributesBuilder base = server(pool.scheme(), pool.serverAddress(), pool.serverPort());
      counts.merge(
          base.put(HTTP_CONNECTION_STATE, "idle").build(),
          (long) pool.idleConnections(),
          Long::sum);
      counts.merge(
          base.put(HTTP_CONNECTION_STATE, "active").build(),
          (long) pool.activeConnections(),
          Long::sum);
    }
    counts.forEach((attributes, count) -> measurement.record(count, attributes));
  }

  private void observePending(ObservableLongMeasurement measurement) {
    Map<Attributes, Long> counts = new HashMap<>();
    for (ConnectionPool pool : pools) {
      counts.merge(
          server(pool.scheme(), pool.serverAddress(), pool.serverPort()).build(),
          (long) pool.pendingAcquisitions(),
          Long::sum);
    }
    counts.forEach((attributes, count) -> measurement.record(count, attributes));
  }

  @Override
  public Registration poolStarted(ConnectionPool pool) {
    pools.add(pool);
    return () -> pools.remove(pool);
  }

  @Override
  public Exchange requestStarted(
      String method, String scheme, String serverAddress, int serverPort) {
    long start = System.nanoTime();
    return (status, networkProtocolVersion, errorType) -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      AttributesBuilder attributes =
          server(scheme, serverAddress, serverPort)
              .put(HTTP_REQUEST_METHOD, HttpServerMetrics.knownMethod(method));
      if (status > 0) {
        attributes.put(HTTP_RESPONSE_STATUS_CODE, (long) status);
      }
      if (networkProtocolVersion != null) {
        attributes
            .put(NETWORK_PROTOCOL_NAME, Names.HTTP)
            .put(NETWORK_PROTOCOL_VERSION, networkProtocolVersion);
      }
      if (errorType != null) {
        attributes.put(ERROR_TYPE, errorType);
      } else if (status >= 400) {
        attributes.put(ERROR_TYPE, Integer.toString(status));
      }
      requests.record(seconds, attributes.build());
    };
  }

  @Override
  public void connectionClosed(
      String scheme,
      String serverAddress,
      int serverPort,
      String networkProtocolVersion,
      Duration lived) {
    connections.record(
        lived.toNanos() / Names.NANOS_PER_SECOND,
        server(scheme, serverAddress, serverPort)
            .put(NETWORK_PROTOCOL_VERSION, networkProtocolVersion)
            .build());
  }
}
