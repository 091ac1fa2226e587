package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.transport.jetty.McpHttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link McpHttpClient} (revision 2026-07-28, declaring the Tasks extension) against the everything
 * server's task tools, over loopback: a call the server makes a task is polled to its end, its
 * input requests answered through the client's handlers, its failure reported.
 */
class TaskClientTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static EverythingServer server;

  @BeforeAll
  static void start() {
    server = EverythingServer.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static McpHttpClient.Builder client() {
    ObjectNode extensions = JSON.createObjectNode();
    extensions.putObject("io.modelcontextprotocol/tasks");
    return McpHttpClient.builder(server.endpoint())
        .protocolVersion(ProtocolVersion.V2026_07_28)
        .capability("extensions", extensions);
  }

  @Test
  void aTaskIsPolledToItsResult() throws Exception {
    try (McpClient client = client().build()) {
      CompletableFuture<CallToolResult> call =
          client.callToolAsync(
              "slow_compute",
              JSON.createObjectNode().put("seconds", 1).put("label", "poll"),
              RequestOptions.defaults());
      CallToolResult result = call.get(30, TimeUnit.SECONDS);
      assertThat(result.isError()).isFalse();
      assertThat(result.text()).contains("Computed poll");
    }
  }

  @Test
  void aTasksInputRequestIsAnsweredByTheClientsHandler() {
    AtomicInteger asked = new AtomicInteger();
    try (McpClient client =
        client()
            .onRequest(
                "elicitation/create",
                params -> {
                  asked.incrementAndGet();
                  ObjectNode answer = JSON.createObjectNode().put("action", "accept");
                  answer.putObject("content").put("confirm", true);
                  return answer;
                })
            .build()) {
      CallToolResult result =
          client.callTool("confirm_delete", JSON.createObjectNode().put("filename", "a.txt"));
      assertThat(result.text()).isEqualTo("Deleted a.txt");
      assertThat(asked).hasValue(1);
    }
  }

  @Test
  void aFailedTaskIsAnError() {
    try (McpClient client = client().build()) {
      assertThatThrownBy(() -> client.callTool("protocol_error_job", JSON.createObjectNode()))
          .isInstanceOf(McpClientException.class)
          .hasMessageContaining("-32603")
          .hasMessageContaining("the job broke down");
    }
  }

  @Test
  void withoutTheExtensionARequiredTaskToolIsRefused() {
    try (McpClient client =
        McpHttpClient.builder(server.endpoint())
            .protocolVersion(ProtocolVersion.V2026_07_28)
            .build()) {
      assertThatThrownBy(() -> client.callTool("failing_job", JSON.createObjectNode()))
          .isInstanceOf(McpClientException.class)
          .hasMessageContaining("io.modelcontextprotocol/tasks");
    }
  }
}
