package dev.mcpkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.RequestErrorException;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task metrics from real tool calls made as tasks (revision 2026-07-28, Tasks extension) through a
 * real engine, Jetty server and client, read back with the SDK's in-memory reader.
 */
class TaskMetricsTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("mcpkit.task.status");
  private static final AttributeKey<String> TOOL = AttributeKey.stringKey("gen_ai.tool.name");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final CountDownLatch never = new CountDownLatch(1);
  private SessionManager sessions;
  private McpHttpServer server;
  private McpClient client;

  @BeforeEach
  void start() {
    McpMetrics metrics =
        McpMetrics.create(OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build());
    JsonNode schema = NODES.objectNode().put("type", "object");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("task-metrics", "1.0")
            .tool(
                Tool.of("job", "Done.", schema, (args, ctx) -> ToolResult.text("done"))
                    .withTaskSupport(TaskSupport.REQUIRED))
            .tool(
                Tool.of(
                        "broken",
                        "Fails.",
                        schema,
                        (args, ctx) -> {
                          throw new RequestErrorException(
                              new JsonRpcError(JsonRpcError.INTERNAL_ERROR, "broke", null));
                        })
                    .withTaskSupport(TaskSupport.REQUIRED))
            .tool(
                Tool.of(
                        "endless",
                        "Runs until cancelled.",
                        schema,
                        (args, ctx) -> {
                          never.await();
                          return ToolResult.text("never");
                        })
                    .withTaskSupport(TaskSupport.REQUIRED))
            .build();
    sessions = SessionManagers.builder().build();
    server =
        McpHttpServer.builder()
            .engine(McpEngines.builder(config, sessions).observer(metrics.serverObserver()).build())
            .port(0)
            .build();
    server.start();
    ObjectNode extensions = NODES.objectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    client =
        McpHttpClient.builder(server.endpoint())
            .protocolVersion(ProtocolVersion.V2026_07_28)
            .capability("extensions", extensions)
            .build();
  }

  @AfterEach
  void stop() {
    never.countDown();
    client.close();
    server.close();
    sessions.shutdown(Duration.ZERO);
    meterProvider.close();
  }

  @Test
  void tasksAreCountedByStatusAndTimedUntilTheyEnd() {
    assertThat(client.callTool("job", NODES.objectNode()).text()).isEqualTo("done");
    assertThatThrownBy(() -> client.callTool("broken", NODES.objectNode()))
        .isInstanceOf(McpClientException.class);
    ObjectNode call = NODES.objectNode().put("name", "endless");
    call.putObject("arguments");
    String taskId =
        client.request("tools/call", call, RequestOptions.defaults()).path("taskId").asString();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sum("mcpkit.server.tasks.active", Map.of(TOOL, "endless")) == 1);

    client.request(
        "tasks/cancel", NODES.objectNode().put("taskId", taskId), RequestOptions.defaults());

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> sum("mcpkit.server.tasks.active", Map.of()) == 0);
    assertThat(sum("mcpkit.server.task.transitions", Map.of(STATUS, "working"))).isEqualTo(3);
    assertThat(sum("mcpkit.server.task.transitions", Map.of(STATUS, "completed", TOOL, "job")))
        .isEqualTo(1);
    assertThat(sum("mcpkit.server.task.transitions", Map.of(STATUS, "failed", TOOL, "broken")))
        .isEqualTo(1);
    assertThat(sum("mcpkit.server.task.transitions", Map.of(STATUS, "cancelled", TOOL, "endless")))
        .isEqualTo(1);
    Map<String, Long> timed =
        metric("mcpkit.server.task.duration")
            .map(m -> m.getHistogramData().getPoints())
            .orElseThrow()
            .stream()
            .collect(
                Collectors.toMap(
                    p -> p.getAttributes().get(STATUS), HistogramPointData::getCount, Long::sum));
    assertThat(timed)
        .containsOnly(
            Map.entry("completed", 1L), Map.entry("failed", 1L), Map.entry("cancelled", 1L));
  }

  private Optional<MetricData> metric(String name) {
    return reader.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  private long sum(String name, Map<AttributeKey<String>, String> matching) {
    return metric(name)
        .map(m -> m.getLongSumData().getPoints())
        .orElse(java.util.List.of())
        .stream()
        .filter(
            p ->
                matching.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(p.getAttributes().get(e.getKey()))))
        .mapToLong(LongPointData::getValue)
        .sum();
  }
}
