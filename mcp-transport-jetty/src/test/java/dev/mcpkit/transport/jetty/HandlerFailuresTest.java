package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.jsonrpc.JsonRpcError;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolFailureMessages;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a client sees and what the server logs when handlers throw, over a real server and client: a
 * tool's unexpected exception is logged at WARN with its stack trace and answered as {@link
 * ToolFailureMessages} chooses; an {@link IllegalArgumentException} means "wrong arguments" from a
 * tool, a resource and a prompt alike, and is not logged at WARN.
 */
class HandlerFailuresTest {
  private static final JsonNode OBJECT = TestServer.JSON.readTree("{\"type\":\"object\"}");
  private static final String INTERNALS = "connection refused by db.internal:5432";

  private static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("failures", "1")
        .tool(
            Tool.of(
                "boom",
                "Fails like a broken dependency.",
                OBJECT,
                (arguments, ctx) -> {
                  throw new IllegalStateException(INTERNALS);
                }))
        .tool(
            Tool.of(
                "picky",
                "Rejects its arguments.",
                OBJECT,
                (arguments, ctx) -> {
                  throw new IllegalArgumentException("n must be positive, got -1");
                }))
        .resource(
            Resource.of(
                "test://picky",
                "picky",
                "Rejects its URI.",
                "text/plain",
                (uri, ctx) -> {
                  throw new IllegalArgumentException("unknown shelf in " + uri);
                }))
        .resource(
            Resource.of(
                "test://broken",
                "broken",
                "Fails like a broken dependency.",
                "text/plain",
                (uri, ctx) -> {
                  throw new IllegalStateException(INTERNALS);
                }))
        .prompt(
            Prompt.of(
                "picky",
                "Rejects its argument.",
                List.of(PromptArgument.required("n", "a positive number")),
                (arguments, ctx) -> {
                  throw new IllegalArgumentException(
                      "n must be positive, got " + arguments.get("n"));
                }))
        .build();
  }

  /** A server whose engine answers tool failures as {@code messages} says, and a client. */
  private record Running(SessionManager sessions, McpHttpServer server, McpClient client)
      implements AutoCloseable {
    static Running start(ToolFailureMessages messages) {
      SessionManager sessions = SessionManagers.builder().build();
      McpHttpServer server =
          McpHttpServer.builder()
              .host("127.0.0.1")
              .port(0)
              .engine(McpEngines.builder(config(), sessions).toolFailureMessages(messages).build())
              .build();
      server.start();
      return new Running(sessions, server, McpHttpClient.builder(server.endpoint()).build());
    }

    @Override
    public void close() {
      client.close();
      server.close();
      sessions.close();
    }
  }

  @Test
  void aFailingToolIsLoggedAtWarnWithItsStackTraceAndAnswersItsMessageByDefault() {
    try (Running running = Running.start(ToolFailureMessages.EXCEPTION_MESSAGE);
        CapturedStderr log = new CapturedStderr()) {
      CallToolResult result = running.client().callTool("boom", TestServer.JSON.createObjectNode());

      assertThat(result.isError()).isTrue();
      assertThat(result.text()).isEqualTo(INTERNALS);
      assertThat(result.raw().toString()).doesNotContain("at dev.mcpkit");
      assertThat(log.text())
          .contains("WARN dev.mcpkit.session.internal.protocol.ToolInvocation - tool 'boom' failed")
          .contains("java.lang.IllegalStateException: " + INTERNALS)
          .containsPattern("\\tat .*HandlerFailuresTest\\.lambda\\$config\\$");
    }
  }

  @Test
  void theGenericPolicyHidesTheMessageFromTheClientButNotFromTheLog() {
    try (Running running = Running.start(ToolFailureMessages.GENERIC);
        CapturedStderr log = new CapturedStderr()) {
      CallToolResult result = running.client().callTool("boom", TestServer.JSON.createObjectNode());

      assertThat(result.isError()).isTrue();
      assertThat(result.text()).isEqualTo("tool 'boom' failed");
      assertThat(result.raw().toString()).doesNotContain("db.internal");
      assertThat(log.text())
          .contains("WARN dev.mcpkit.session.internal.protocol.ToolInvocation - tool 'boom' failed")
          .contains("java.lang.IllegalStateException: " + INTERNALS);
    }
  }

  @Test
  void illegalArgumentMeansWrongArgumentsFromToolResourceAndPromptAndIsNotAWarning() {
    // GENERIC hides failures, never the reason a client's arguments were refused.
    try (Running running = Running.start(ToolFailureMessages.GENERIC);
        CapturedStderr log = new CapturedStderr()) {
      McpClient client = running.client();

      CallToolResult tool = client.callTool("picky", TestServer.JSON.createObjectNode());
      assertThat(tool.isError()).isTrue();
      assertThat(tool.text()).isEqualTo("n must be positive, got -1");

      assertThatThrownBy(() -> client.readResource("test://picky"))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(
                          error -> {
                            assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
                            assertThat(error.message()).contains("unknown shelf in test://picky");
                          }));
      assertThatThrownBy(() -> client.getPrompt("picky", Map.of("n", "-2")))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(
                          error -> {
                            assertThat(error.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
                            assertThat(error.message()).contains("n must be positive, got -2");
                          }));

      assertThat(log.text()).doesNotContain("WARN");
    }
  }

  @Test
  void aFailingResourceIsLoggedAtWarnAndAnswersAGenericInternalError() {
    try (Running running = Running.start(ToolFailureMessages.EXCEPTION_MESSAGE);
        CapturedStderr log = new CapturedStderr()) {
      assertThatThrownBy(() -> running.client().readResource("test://broken"))
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error())
                      .hasValueSatisfying(
                          error -> {
                            assertThat(error.code()).isEqualTo(JsonRpcError.INTERNAL_ERROR);
                            assertThat(error.message()).doesNotContain("db.internal");
                          }));
      assertThat(log.text())
          .contains("WARN dev.mcpkit.session.internal.protocol.HandlerCalls")
          .contains("resource 'test://broken' failed")
          .contains("java.lang.IllegalStateException: " + INTERNALS);
    }
  }
}
