package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.ERROR_TYPE;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_PROMPT_NAME;
import static dev.mcpkit.metrics.internal.Names.GEN_AI_TOOL_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_METHOD_NAME;
import static dev.mcpkit.metrics.internal.Names.MCP_PROTOCOL_VERSION;
import static dev.mcpkit.metrics.internal.Names.NETWORK_TRANSPORT;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpServerObserver;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcp.server.operation.duration}: one measurement per request an engine answers. Thread-safe;
 * each operation's state lives in its own handle.
 */
public final class OperationMetrics implements McpServerObserver {
  private final DoubleHistogram duration;

  /**
   * Creates the instrument.
   *
   * @param meter the meter
   */
  public OperationMetrics(Meter meter) {
    this.duration = meter.histogramBuilder("mcp.server.operation.duration")
        .setDescription("MCP request or notification duration as observed on the receiver from the time it was"
            + " received until the result or ack is sent.")
        .setUnit("s").setExplicitBucketBoundariesAdvice(Names.MCP_BUCKETS).build();
  }

  @Override
  public Operation operationStarted(
      String method, @Nullable String target, @Nullable ProtocolVersion version, @Nullable JsonNode meta) {
    long start = System.nanoTime();
    return errorType -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      AttributesBuilder attributes = Attributes.builder()
          .put(MCP_METHOD_NAME, method)
          .put(NETWORK_TRANSPORT, Names.TCP);
      if (target != null) {
        attributes.put(method.equals("prompts/get") ? GEN_AI_PROMPT_NAME : GEN_AI_TOOL_NAME, target);
      }
      if (version != null) {
        attributes.put(MCP_PROTOCOL_VERSION, version.wireName());
      }
      if (errorType != null) {
        attributes.put(ERROR_TYPE, errorType);
      }
      duration.record(seconds, attributes.build());
    };
  }
}
