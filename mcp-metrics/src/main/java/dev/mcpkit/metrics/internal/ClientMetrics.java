package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.MCP_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_NAME;
import static dev.mcpkit.metrics.internal.Names.NETWORK_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_TRANSPORT;
import static dev.mcpkit.metrics.internal.Names.SERVER_ADDRESS;
import static dev.mcpkit.metrics.internal.Names.SERVER_PORT;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpClientObserver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import org.jspecify.annotations.Nullable;

/**
 * {@code mcp.client.operation.duration} (one measurement per request a client sends) and {@code
 * mcp.client.session.duration} (one per session it held). Thread-safe; each operation's and
 * session's state lives in its own handle. The request id is never an attribute.
 */
public final class ClientMetrics implements McpClientObserver {
  private final DoubleHistogram operations;
  private final DoubleHistogram sessions;

  /**
   * Creates the instruments.
   *
   * @param meter the meter
   */
  public ClientMetrics(Meter meter) {
    this.operations =
        meter
            .histogramBuilder("mcp.client.operation.duration")
            .setDescription(
                "The duration of the MCP request or notification as observed on the sender from the time"
                    + " it was sent until the response or ack is received.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.MCP_BUCKETS)
            .build();
    this.sessions =
        meter
            .histogramBuilder("mcp.client.session.duration")
            .setDescription("The duration of the MCP session as observed on the MCP client.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.MCP_BUCKETS)
            .build();
  }

  @Override
  public Operation operationStarted(Request request, MetaWriter meta) {
    long start = System.nanoTime();
    return (errorType, networkProtocolVersion) -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      AttributesBuilder attributes = Attributes.builder();
      McpAttributes.started(
          attributes, request.method(), request.target(), request.protocolVersion());
      McpAttributes.ended(attributes, errorType, networkProtocolVersion);
      attributes
          .put(SERVER_ADDRESS, request.serverAddress())
          .put(SERVER_PORT, (long) request.serverPort());
      operations.record(seconds, attributes.build());
    };
  }

  @Override
  public SessionHandle sessionStarted(
      ProtocolVersion version,
      @Nullable String networkProtocolVersion,
      String serverAddress,
      int serverPort) {
    long start = System.nanoTime();
    return errorType -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      AttributesBuilder attributes =
          Attributes.builder()
              .put(MCP_PROTOCOL_VERSION, version.wireName())
              .put(NETWORK_TRANSPORT, Names.TCP)
              .put(SERVER_ADDRESS, serverAddress)
              .put(SERVER_PORT, (long) serverPort);
      if (networkProtocolVersion != null) {
        attributes
            .put(NETWORK_PROTOCOL_NAME, Names.HTTP)
            .put(NETWORK_PROTOCOL_VERSION, networkProtocolVersion);
      }
      if (errorType != null) {
        attributes.put(ERROR_TYPE, errorType);
      }
      sessions.record(seconds, attributes.build());
    };
  }
}
