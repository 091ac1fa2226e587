package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.AnswerTooLargeException;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.ToolInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link McpStdioClient} against the mcpkit stdio server in a child JVM: real processes, pipes. */
class McpStdioClientTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static McpStdioClient.Builder child() {
    return McpStdioClient.builder(ChildJvm.command(StdioTestServer.class))
        .name("stdio-test")
        .onRequest(
            "sampling/createMessage",
            params -> {
              ObjectNode answer = NODES.objectNode();
              answer.put("role", "assistant");
              answer.putObject("content").put("type", "text").put("text", "forty-two");
              answer.put("model", "canned");
              return answer;
            });
  }

  private static ObjectNode args(String name, Object value) {
    ObjectNode args = NODES.objectNode();
    if (value instanceof Integer number) {
      args.put(name, number);
    } else {
      args.put(name, String.valueOf(value));
    }
    return args;
  }

  @Test
  void listsCallsReportsProgressAndAnswersTheServersRequests() {
    try (McpStdioClient client = child().build()) {
      assertThat(client.initialize().serverName()).isEqualTo("stdio-test");
      assertThat(client.sessionId()).isEmpty();
      assertThat(client.listTools()).extracting(ToolInfo::name).contains("echo", "ask", "die");

      assertThat(client.callTool("echo", args("text", "hi")).text()).isEqualTo("echo: hi");

      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      CallToolResult stepped =
          client.callTool(
              "progress",
              NODES.objectNode(),
              RequestOptions.defaults().withProgress(progress::add));
      assertThat(stepped.text()).isEqualTo("done");
      assertThat(progress)
          .extracting(ProgressListener.Progress::progress)
          .containsExactly(1.0, 2.0, 3.0);

      assertThat(client.callTool("ask", NODES.objectNode()).text())
          .as("the server's sampling request was answered by the handler")
          .isEqualTo("client said: forty-two");

      JsonNode raw = client.request("tools/list", null, RequestOptions.defaults());
      assertThat(raw.path("tools").isArray()).isTrue();
    }
  }

  @Test
  void anUnhandledServerRequestGoesToTheRouterWithItsMethod() {
    List<String> routed = new CopyOnWriteArrayList<>();
    try (McpStdioClient client =
        McpStdioClient.builder(ChildJvm.command(StdioTestServer.class))
            .capability("sampling", NODES.objectNode())
            .onUnhandledRequest(
                (method, params) -> {
                  routed.add(method);
                  ObjectNode answer = NODES.objectNode();
                  answer.put("role", "assistant");
                  answer.putObject("content").put("type", "text").put("text", "routed");
                  answer.put("model", "canned");
                  return answer;
                })
            .build()) {
      assertThat(client.callTool("ask", NODES.objectNode()).text())
          .isEqualTo("client said: routed");
      assertThat(routed).containsExactly("sampling/createMessage");
    }
  }

  @Test
  void aChildThatDiesMidCallFailsThePendingCallAtOnce() throws Exception {
    try (McpStdioClient client = child().requestTimeout(Duration.ofMinutes(5)).build()) {
      client.initialize();
      CompletableFuture<CallToolResult> call =
          client.callToolAsync("die", NODES.objectNode(), RequestOptions.defaults());

      assertThat(client.exited().get(30, TimeUnit.SECONDS)).isEqualTo(3);
      // Well before the five-minute timeout: the end of the child's output fails the call.
      assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(McpClientException.class);
      assertThat(client.disconnected().get(10, TimeUnit.SECONDS)).contains("closed its output");
      assertThatThrownBy(client::ping).isInstanceOf(McpClientException.class);
    }
  }

  @Test
  void aDeadChildWhoseOutputADescendantHoldsStillFailsThePendingCall() throws Exception {
    // sh starts a sleep that inherits stdout, then becomes the server (exec): when the server dies,
    // its output stays open, so only the process's exit can end the connection.
    List<String> command = new ArrayList<>(List.of("sh", "-c", "sleep 15 & exec \"$@\"", "sh"));
    command.addAll(ChildJvm.command(StdioTestServer.class));
    try (McpStdioClient client =
        McpStdioClient.builder(command)
            .name("held-output")
            .requestTimeout(Duration.ofMinutes(5))
            .build()) {
      client.initialize();
      CompletableFuture<CallToolResult> call =
          client.callToolAsync("die", NODES.objectNode(), RequestOptions.defaults());

      assertThat(client.exited().get(30, TimeUnit.SECONDS)).isEqualTo(3);
      assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(McpClientException.class);
      assertThat(client.disconnected().get(10, TimeUnit.SECONDS)).contains("exited with status 3");
    }
  }

  @Test
  void anOversizeAnswerFailsItsCallAtOnceAndTheConnectionServesOn() {
    try (McpStdioClient client = child().maxLineBytes(2048).build()) {
      // The child JVM's start is not part of what is timed: under load it can take seconds.
      client.initialize();
      // The answer's first bytes name its id: the call fails with the limit, not at its timeout.
      assertThatThrownBy(
              () ->
                  client.callTool(
                      "huge",
                      args("size", 10_000),
                      RequestOptions.defaults().withTimeout(Duration.ofSeconds(30))))
          .isInstanceOf(AnswerTooLargeException.class)
          .hasMessageContaining("2048 bytes");
      assertThat(client.callTool("huge", args("size", 100)).text()).hasSize(100);
    }
  }

  @Test
  void thePipeReadersAreNotVirtualThreads() {
    // A virtual thread blocked reading a pipe keeps its carrier: the reader of the child's output
    // and the pump of its stderr, both mostly blocked, took both carriers of a 2-core machine and
    // starved every other virtual thread of a gateway (its calls, their timeouts) until restarted.
    // Thread.getAllStackTraces lists platform threads only.
    try (McpStdioClient client = child().build()) {
      client.ping();
      List<String> platform =
          Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
      assertThat(platform).contains("mcp-stdio-client-reader", "mcp-stdio-stderr");
    }
  }

  @Test
  void closingEndsTheChild() throws Exception {
    McpStdioClient client = child().build();
    client.ping();
    long pid = client.pid();
    client.close();
    assertThat(client.exited().get(10, TimeUnit.SECONDS))
        .as("the child exits when its stdin closes")
        .isZero();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(client::ping).isInstanceOf(McpClientException.class);
    client.close(); // a no-op
  }

  @Test
  void aCommandThatCannotStartFailsTheBuild() {
    assertThatThrownBy(() -> McpStdioClient.builder(List.of("/nonexistent/mcp-server")).build())
        .isInstanceOf(McpClientException.class)
        .hasMessageContaining("/nonexistent/mcp-server");
  }
}
