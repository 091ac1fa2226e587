package dev.mcpkit.metrics.internal;

import static dev.mcpkit.metrics.internal.Names.GEN_AI_TOOL_NAME;
import static dev.mcpkit.metrics.internal.Names.TASK_STATUS;

import dev.mcpkit.api.spi.TaskStatus;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;

/**
 * The tasks a node runs (the {@code io.modelcontextprotocol/tasks} extension): {@code
 * mcpkit.server.task.transitions} (counter: tasks entering {@code working} when handed out, then
 * their terminal status), {@code mcpkit.server.tasks.active} (up-down counter: tasks handed out and
 * not ended yet) and {@code mcpkit.server.task.duration} (histogram, {@code s}: creation to
 * terminal status), each by {@code gen_ai.tool.name}, the two last-named by {@code
 * mcpkit.task.status} where it applies. Thread-safe: the instruments are.
 */
final class TaskMetrics {
  private final LongCounter transitions;
  private final LongUpDownCounter active;
  private final DoubleHistogram duration;

  TaskMetrics(Meter meter) {
    this.transitions =
        meter
            .counterBuilder("mcpkit.server.task.transitions")
            .setDescription("Tasks entering a status on this node: working, then a terminal one.")
            .setUnit("{task}")
            .build();
    this.active =
        meter
            .upDownCounterBuilder("mcpkit.server.tasks.active")
            .setDescription("Tasks this node handed out whose handler has not ended yet.")
            .setUnit("{task}")
            .build();
    this.duration =
        meter
            .histogramBuilder("mcpkit.server.task.duration")
            .setDescription("Time from a task's creation to its terminal status.")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(Names.TASK_BUCKETS)
            .build();
  }

  void started(String tool) {
    Attributes attributes =
        Attributes.of(GEN_AI_TOOL_NAME, tool, TASK_STATUS, TaskStatus.WORKING.wireName());
    transitions.add(1, attributes);
    active.add(1, Attributes.of(GEN_AI_TOOL_NAME, tool));
  }

  void ended(String tool, TaskStatus status, Duration elapsed) {
    Attributes attributes = Attributes.of(GEN_AI_TOOL_NAME, tool, TASK_STATUS, status.wireName());
    transitions.add(1, attributes);
    active.add(-1, Attributes.of(GEN_AI_TOOL_NAME, tool));
    duration.record(elapsed.toNanos() / Names.NANOS_PER_SECOND, attributes);
  }
}
