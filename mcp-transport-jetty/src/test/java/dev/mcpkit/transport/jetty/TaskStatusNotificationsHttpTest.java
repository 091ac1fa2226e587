package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Task status notifications of the Tasks extension over a real server and {@link McpHttpClient}
 * (revision 2026-07-28): a {@code subscriptions/listen} stream naming a task's id is acknowledged
 * with the ids it follows, then carries {@code notifications/tasks} with the task as {@code
 * tasks/get} answers it (its current state first, then each change, the result inlined at the end);
 * asking for them without declaring the extension is {@code -32021}.
 */
class TaskStatusNotificationsHttpTest {
  private static final CountDownLatch gate = new CountDownLatch(1);
  private static SessionManager sessions;
  private static McpHttpServer server;
  private static URI endpoint;

  @BeforeAll
  static void start() throws Exception {
    sessions = SessionManagers.builder().build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("tasks", "1.0.0")
            .tool(
                Tool.of(
                        "gated",
                        "Works until the test opens the gate.",
                        TestServer.JSON.readTree("{\"type\":\"object\"}"),
                        (arguments, ctx) -> {
                          ctx.continueAsTask();
                          gate.await();
                          return ToolResult.text("opened");
                        })
                    .withTaskSupport(TaskSupport.OPTIONAL))
            .build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.builder(config, sessions).build())
            .build();
    endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
  }

  @AfterAll
  static void stop() {
    gate.countDown();
    server.close();
    sessions.close();
  }

  @Test
  void aListenStreamFollowsATaskToItsResult() throws Exception {
    LinkedBlockingQueue<JsonRpcNotification> heard = new LinkedBlockingQueue<>();
    try (McpClient client = withExtension().onNotification(heard::add).build()) {
      JsonNode created = client.request("tools/call", call("gated"), RequestOptions.defaults());
      assertThat(created.path("resultType").asString()).isEqualTo("task");
      String taskId = created.path("taskId").asString();

      ObjectNode listen = TestServer.JSON.createObjectNode();
      listen.putObject("notifications").putArray("taskIds").add(taskId).add("no-such-task");
      CompletableFuture<JsonNode> stream =
          client.requestAsync(
              "subscriptions/listen",
              listen,
              RequestOptions.defaults().withTimeout(Duration.ofMinutes(1)));
      try {
        JsonRpcNotification ack = next(heard);
        assertThat(ack.method()).isEqualTo("notifications/subscriptions/acknowledged");
        assertThat(ack.params().at("/notifications/taskIds").toString())
            .isEqualTo("[\"" + taskId + "\"]"); // the unknown id is not followed

        JsonRpcNotification working = next(heard);
        assertThat(working.method()).isEqualTo("notifications/tasks");
        assertThat(working.params().path("taskId").asString()).isEqualTo(taskId);
        assertThat(working.params().path("status").asString()).isEqualTo("working");
        assertThat(working.params().has("resultType")).isFalse();
        assertThat(working.params().at("/_meta/io.modelcontextprotocol~1subscriptionId").isNull())
            .isFalse();

        gate.countDown();
        JsonRpcNotification completed = next(heard);
        assertThat(completed.method()).isEqualTo("notifications/tasks");
        assertThat(completed.params().path("status").asString()).isEqualTo("completed");
        assertThat(completed.params().at("/result/content/0/text").asString()).isEqualTo("opened");
        assertThat(completed.params().path("ttlMs").asLong()).isPositive();
      } finally {
        stream.cancel(true);
      }
    }
  }

  @Test
  void taskNotificationsNeedTheExtension() {
    try (McpClient client =
        McpHttpClient.builder(endpoint).protocolVersion(ProtocolVersion.V2026_07_28).build()) {
      ObjectNode listen = TestServer.JSON.createObjectNode();
      listen.putObject("notifications").putArray("taskIds").add("any");
      assertThatThrownBy(
              () -> client.request("subscriptions/listen", listen, RequestOptions.defaults()))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(err -> assertThat(err.code()).isEqualTo(-32021)));
    }
  }

  private static McpHttpClient.Builder withExtension() {
    ObjectNode extensions = TestServer.JSON.createObjectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    return McpHttpClient.builder(endpoint)
        .protocolVersion(ProtocolVersion.V2026_07_28)
        .capability("extensions", extensions);
  }

  private static ObjectNode call(String tool) {
    ObjectNode params = TestServer.JSON.createObjectNode();
    params.put("name", tool);
    params.putObject("arguments");
    return params;
  }

  private static JsonRpcNotification next(LinkedBlockingQueue<JsonRpcNotification> heard)
      throws InterruptedException {
    JsonRpcNotification notification = heard.poll(10, TimeUnit.SECONDS);
    assertThat(notification).as("a notification within 10 s").isNotNull();
    return notification;
  }
}
