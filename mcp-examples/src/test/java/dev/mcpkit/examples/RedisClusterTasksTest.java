package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@link RedisCluster} example keeps tasks in Redis: a tool call made a task on one node is
 * polled to its result on the other. A real {@code redis-server} (on the PATH) on a free loopback
 * port, two nodes as the example starts them, {@link McpHttpClient} on each.
 */
class RedisClusterTasksTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private Process redis;
  private RedisCluster.Node first;
  private RedisCluster.Node second;

  @BeforeEach
  void start() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> accepts(port));
    String uri = "redis://127.0.0.1:" + port;
    first = RedisCluster.startNode(uri, "127.0.0.1", 0);
    second = RedisCluster.startNode(uri, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (RedisCluster.Node node : new RedisCluster.Node[] {first, second}) {
      if (node != null) {
        node.close();
      }
    }
    redis.destroy();
    redis.waitFor();
  }

  @Test
  void aTaskStartedOnOneNodeIsFetchedOnTheOther() {
    try (McpClient onFirst = client(first.server().endpoint());
        McpClient onSecond = client(second.server().endpoint())) {
      ObjectNode call = JSON.createObjectNode();
      call.put("name", "slow_compute");
      call.putObject("arguments").put("seconds", 0.5).put("label", "across");
      JsonNode created = onFirst.request("tools/call", call, RequestOptions.defaults());
      assertThat(created.path("resultType").asString()).isEqualTo("task");

      ObjectNode get = JSON.createObjectNode();
      get.put("taskId", created.path("taskId").asString());
      AtomicReference<JsonNode> task = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .untilAsserted(
              () -> {
                task.set(onSecond.request("tasks/get", get, RequestOptions.defaults()));
                assertThat(task.get().path("status").asString()).isEqualTo("completed");
              });
      assertThat(task.get().at("/result/content/0/text").asString()).contains("Computed across");
    }
  }

  private static McpClient client(URI endpoint) {
    ObjectNode extensions = JSON.createObjectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    return McpHttpClient.builder(endpoint)
        .protocolVersion(ProtocolVersion.V2026_07_28)
        .capability("extensions", extensions)
        .build();
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
