package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.TaskSupport;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.TaskRecord;
import dev.mcpkit.api.spi.TaskStatus;
import dev.mcpkit.api.spi.TaskStore;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.session.TaskStores;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client's {@code tasks/cancel} reaches the server and cancels the running task: cancelling the
 * future of {@link McpClient#callToolAsync} on a call the server made a task (revision 2026-07-28,
 * Tasks extension) interrupts the handler, which sees {@code isCancelled()}, and the task's status
 * becomes {@code cancelled} for {@code tasks/get}. Real server, real {@link McpHttpClient}. The
 * call is cancelled once the client polls: before the {@code CreateTaskResult} reached it, the
 * client has no task id to cancel (cancelling then only closes the {@code tools/call} stream).
 */
class TaskCancelHttpTest {
  private final CountDownLatch started = new CountDownLatch(1);

  /** The client polls: it has the task's id, so cancelling its call can cancel the task. */
  private final CountDownLatch polled = new CountDownLatch(1);

  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final AtomicBoolean sawCancelled = new AtomicBoolean();
  private final AtomicReference<TaskRecord> lastChange = new AtomicReference<>();
  private SessionManager sessions;
  private McpHttpServer server;
  private URI endpoint;

  @BeforeEach
  void start() throws Exception {
    sessions = SessionManagers.builder().build();
    TaskStore store = TaskStores.inMemory();
    store.watch(lastChange::set);
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("tasks", "1.0.0")
            .tool(
                Tool.of(
                        "sleeper",
                        "Sleeps until cancelled.",
                        TestServer.JSON.readTree("{\"type\":\"object\"}"),
                        (arguments, ctx) -> {
                          ctx.continueAsTask();
                          started.countDown();
                          try {
                            Thread.sleep(Duration.ofMinutes(2));
                          } catch (InterruptedException e) {
                            sawCancelled.set(ctx.isCancelled());
                            interrupted.countDown();
                            throw e;
                          }
                          return ToolResult.text("woke up");
                        })
                    .withTaskSupport(TaskSupport.OPTIONAL))
            .build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.builder(config, sessions).tasks(polledThrough(store)).build())
            .build();
    endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
  }

  /** The store, telling {@link #polled} when a task is read (what {@code tasks/get} does). */
  private TaskStore polledThrough(TaskStore store) {
    return new TaskStore() {
      @Override
      public boolean create(TaskRecord record) {
        return store.create(record);
      }

      @Override
      public Optional<TaskRecord> get(String taskId) {
        polled.countDown();
        return store.get(taskId);
      }

      @Override
      public Optional<TaskRecord> update(String taskId, UnaryOperator<TaskRecord> change) {
        return store.update(taskId, change);
      }

      @Override
      public void watch(Consumer<TaskRecord> watcher) {
        store.watch(watcher);
      }
    };
  }

  @AfterEach
  void stop() {
    server.close();
    sessions.close();
  }

  @Test
  void cancellingTheClientsCallCancelsTheServersTask() throws Exception {
    ObjectNode extensions = TestServer.JSON.createObjectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    try (McpClient client =
        McpHttpClient.builder(endpoint)
            .protocolVersion(ProtocolVersion.V2026_07_28)
            .capability("extensions", extensions)
            .build()) {
      CompletableFuture<CallToolResult> call =
          client.callToolAsync(
              "sleeper", TestServer.JSON.createObjectNode(), RequestOptions.defaults());
      assertThat(started.await(10, TimeUnit.SECONDS)).as("the handler started").isTrue();
      assertThat(polled.await(10, TimeUnit.SECONDS)).as("the client polls").isTrue();
      assertThat(lastChange.get()).as("no change before the cancellation").isNull();

      call.cancel(true);

      assertThat(interrupted.await(10, TimeUnit.SECONDS))
          .as("the handler was interrupted")
          .isTrue();
      assertThat(sawCancelled).as("the handler saw isCancelled()").isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> assertThat(lastChange.get().status()).isEqualTo(TaskStatus.CANCELLED));
      ObjectNode get = TestServer.JSON.createObjectNode();
      get.put("taskId", lastChange.get().taskId());
      assertThat(
              client.request("tasks/get", get, RequestOptions.defaults()).path("status").asString())
          .isEqualTo("cancelled");
      assertThatThrownBy(call::join).isInstanceOf(CancellationException.class);
    }
  }
}
