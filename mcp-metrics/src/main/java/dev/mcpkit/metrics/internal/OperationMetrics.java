package dev.mcpkit.metrics.internal;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.spi.McpServerObserver;
import dev.mcpkit.api.spi.TaskStatus;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code mcp.server.operation.duration}: one measurement per request an engine answers; and the
 * tasks the engine runs ({@link TaskMetrics}). Thread-safe; each operation's state lives in its own
 * handle.
 */
public final class OperationMetrics implements McpServerObserver {
  private final DoubleHistogram duration;
  private final TaskMetrics tasks;

  /**
   * Creates the instrument.
   *
   * @param meter the meter
   */
  public OperationMetrics(Meter meter) {
    this.tasks = new TaskMetrics(meter);
    this.duration =
        meter
            .histogramBuilder("mcp.server.operation.duration")
            .setDescription(
                "MCP request or notification duration as observed on the receiver from the time it was"
                    + " received until the result or ack is sent.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.MCP_BUCKETS)
            .build();
  }

  @Override
  public Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta) {
    return operationStarted(method, target, version, meta, null);
  }

  @Override
  public Operation operationStarted(
      String method,
      @Nullable String target,
      @Nullable ProtocolVersion version,
      @Nullable JsonNode meta,
      @Nullable String networkProtocolVersion) {
    long start = System.nanoTime();
    return errorType -> {
      double seconds = (System.nanoTime() - start) / Names.NANOS_PER_SECOND;
      AttributesBuilder attributes = Attributes.builder();
      McpAttributes.started(attributes, method, target, version);
      McpAttributes.ended(attributes, errorType, networkProtocolVersion);
      duration.record(seconds, attributes.build());
    };
  }

  @Override
  public void taskStarted(String tool) {
    tasks.started(tool);
  }

  @Override
  public void taskEnded(String tool, TaskStatus status, Duration elapsed) {
    tasks.ended(tool, status, elapsed);
  }
}
