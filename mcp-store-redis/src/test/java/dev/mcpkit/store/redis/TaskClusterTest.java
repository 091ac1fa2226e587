package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tasks across two mcpkit nodes on one real redis-server, through the real HTTP server and client
 * (revision 2026-07-28 with the Tasks extension): a task started on node A is polled and its result
 * fetched on node B; when node A stops abruptly mid-task, B reports the task failed within a
 * bounded time, whether a client polls it or not.
 */
class TaskClusterTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Duration NODE_TIMEOUT = Duration.ofMillis(600);

  /** The contract's bound (timeout, then a sweep a third of it later) with slack for a slow CI. */
  private static final Duration FAILURE_BOUND = NODE_TIMEOUT.multipliedBy(4).plusSeconds(2);

  private RedisServer redis;
  private final Node[] nodes = new Node[2];
  private final McpClient[] clients = new McpClient[2];
  private final CountDownLatch release = new CountDownLatch(1);

  /** One node: its own Redis connections, session manager and HTTP server. */
  private record Node(RedisStores stores, SessionManager sessions, McpHttpServer server) {
    /** Like a killed process: no task ends, no heartbeat is sent any more. */
    void crash() {
      server.close();
      stores.close();
    }
  }

  private Node startNode() {
    RedisStores stores = RedisStores.builder(redis.uri()).nodeTimeout(NODE_TIMEOUT).build();
    SessionManager sessions = SessionManagers.builder().store(stores.sessionStore()).build();
    McpHttpServer server =
        McpHttpServer.builder()
            .port(0)
            .engine(
                stores.cluster(
                    McpEngines.builder(config(), sessions)
                        .events(stores.eventStore())
                        .tasks(stores.taskStore())
                        .build()))
            .build();
    server.start();
    return new Node(stores, sessions, server);
  }

  private McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("task-cluster", "1.0")
        .tool(
            Tool.of(
                    "gate",
                    "Waits until the test opens the gate.",
                    NODES.objectNode().put("type", "object"),
                    (args, ctx) -> {
                      release.await();
                      return ToolResult.text("through the gate");
                    })
                .withTaskSupport(TaskSupport.REQUIRED))
        .build();
  }

  private static McpClient client(McpHttpServer server) {
    ObjectNode extensions = NODES.objectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    return McpHttpClient.builder(server.endpoint())
        .protocolVersion(ProtocolVersion.V2026_07_28)
        .capability("extensions", extensions)
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  @BeforeEach
  void start() {
    redis = RedisServer.start();
    for (int i = 0; i < 2; i++) {
      nodes[i] = startNode();
      clients[i] = client(nodes[i].server());
    }
  }

  @AfterEach
  void stop() {
    release.countDown(); // frees the handler of a crashed node
    for (int i = 0; i < 2; i++) {
      clients[i].close();
      nodes[i].server().close();
      nodes[i].sessions().shutdown(Duration.ZERO);
      nodes[i].stores().close();
    }
    redis.close();
  }

  private String startTaskOnA() {
    ObjectNode params = NODES.objectNode().put("name", "gate");
    params.putObject("arguments");
    JsonNode created = clients[0].request("tools/call", params, RequestOptions.defaults());
    assertThat(created.path("resultType").asString()).isEqualTo("task");
    assertThat(created.path("status").asString()).isEqualTo("working");
    return created.path("taskId").asString();
  }

  private JsonNode getOnB(String taskId) {
    return clients[1].request(
        "tasks/get", NODES.objectNode().put("taskId", taskId), RequestOptions.defaults());
  }

  @Test
  void aTaskStartedOnOneNodeIsPolledAndFetchedOnTheOther() {
    String taskId = startTaskOnA();
    assertThat(getOnB(taskId).path("status").asString()).isEqualTo("working");

    release.countDown();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> getOnB(taskId).path("status").asString().equals("completed"));
    JsonNode done = getOnB(taskId);
    assertThat(done.path("result").path("content").path(0).path("text").asString())
        .isEqualTo("through the gate");
    assertThat(done.path("result").path("isError").asBoolean(false)).isFalse();
  }

  @Test
  void aTaskWhoseNodeCrashedIsReportedFailedOnTheOther() {
    String taskId = startTaskOnA();
    assertThat(getOnB(taskId).path("status").asString()).isEqualTo("working");

    nodes[0].crash();

    await()
        .atMost(FAILURE_BOUND)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> getOnB(taskId).path("status").asString().equals("failed"));
    JsonNode failed = getOnB(taskId);
    assertThat(failed.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(failed.path("error").path("message").asString())
        .isEqualTo("the node running the task went away");
    // Still failed once the crashed node's handler ends late: the first terminal status wins.
    release.countDown();
    assertThat(getOnB(taskId).path("status").asString()).isEqualTo("failed");
  }

  @Test
  void aCrashedNodesTaskThatNobodyPollsIsFailedAndAnnouncedByTheSweep() {
    List<TaskRecord> seenOnB = new CopyOnWriteArrayList<>();
    nodes[1].stores().taskStore().watch(seenOnB::add);
    String taskId = startTaskOnA();

    nodes[0].crash();

    await()
        .atMost(FAILURE_BOUND)
        .until(
            () ->
                seenOnB.stream()
                    .anyMatch(r -> r.taskId().equals(taskId) && r.status() == TaskStatus.FAILED));
    assertThat(getOnB(taskId).path("status").asString()).isEqualTo("failed");
  }
}
