package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.ToolInfo;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link McpHttpClient} speaking revision 2026-07-28 to an mcpkit server: discovery instead of
 * initialize, no session, mirrored headers (the server refuses a request without them, so passing
 * calls prove they were sent), and multi round-trip requests answered by the client's handlers. The
 * fall back to initialize against a legacy server is in {@link TypeScriptServerInteropTest}.
 */
class McpHttpClient2026Test {
  static SessionManager sessions;
  static McpHttpServer server;
  static URI endpoint;
  static final AtomicInteger elicitations = new AtomicInteger();

  @BeforeAll
  static void start() {
    JsonNode regionSchema =
        TestServer.JSON.readTree(
            "{\"type\":\"object\",\"properties\":{"
                + "\"region\":{\"type\":\"string\",\"x-mcp-header\":\"Region\"},\"query\":{\"type\":\"string\"}}}");
    JsonNode empty = TestServer.JSON.readTree("{\"type\":\"object\"}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("modern-server", "3.1.4")
            .tool(
                Tool.of(
                    "sql",
                    "Mirrors region.",
                    regionSchema,
                    (arguments, ctx) ->
                        ToolResult.text(
                            arguments.path("region").asString("")
                                + "|"
                                + arguments.path("query").asString(""))))
            .tool(
                Tool.of(
                    "ask",
                    "Asks twice.",
                    empty,
                    (arguments, ctx) -> {
                      JsonNode first =
                          ctx.input(
                              "first",
                              "elicitation/create",
                              TestServer.JSON.readTree("{\"message\":\"1?\"}"),
                              Duration.ofSeconds(5));
                      JsonNode second =
                          ctx.input(
                              "second",
                              "elicitation/create",
                              TestServer.JSON.readTree("{\"message\":\"2?\"}"),
                              Duration.ofSeconds(5));
                      return ToolResult.text(
                          first.at("/content/v").asString()
                              + "+"
                              + second.at("/content/v").asString()
                              + (ctx.session() == null ? " (sessionless)" : " (session)"));
                    }))
            // Invalid x-mcp-header annotations (under items; on a number): the client must leave
            // these out.
            .tool(
                Tool.of(
                    "bad_items",
                    "Annotation under items.",
                    TestServer.JSON.readTree(
                        "{\"type\":\"object\",\"properties\":{"
                            + "\"list\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"x-mcp-header\":\"L\"}}}}"),
                    (arguments, ctx) -> ToolResult.text("")))
            .tool(
                Tool.of(
                    "bad_type",
                    "Annotation on a number.",
                    TestServer.JSON.readTree(
                        "{\"type\":\"object\",\"properties\":{"
                            + "\"x\":{\"type\":\"number\",\"x-mcp-header\":\"X\"}}}"),
                    (arguments, ctx) -> ToolResult.text("")))
            .build();
    sessions = SessionManagers.builder().build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config, sessions))
            .build();
    endpoint = URI.create("http://127.0.0.1:" + server.start() + "/mcp");
  }

  @AfterAll
  static void stop() {
    server.close();
    sessions.shutdown(Duration.ofSeconds(1));
  }

  private static McpClient client(ProtocolVersion version) {
    return McpHttpClient.builder(endpoint)
        .protocolVersion(version)
        .onRequest(
            "elicitation/create",
            params ->
                TestServer.JSON.readTree(
                    "{\"action\":\"accept\",\"content\":{\"v\":\""
                        + params.path("message").asString()
                        + elicitations.incrementAndGet()
                        + "\"}}"))
        .build();
  }

  @Test
  void discoversAndServesWithoutASession() {
    int sessionsBefore = sessions.size();
    try (McpClient client = client(ProtocolVersion.V2026_07_28)) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2026_07_28);
      assertThat(client.initialize().serverName()).isEqualTo("modern-server");
      assertThat(client.initialize().serverVersion()).isEqualTo("3.1.4");
      assertThat(client.sessionId()).isEmpty();
      assertThat(client.listTools())
          .extracting(ToolInfo::name)
          .containsExactly("sql", "ask"); // the bad ones left out
      // Non-ASCII: the Mcp-Param-Region header goes in the Base64 sentinel form.
      assertThat(
              client
                  .callTool(
                      "sql", TestServer.JSON.readTree("{\"region\":\"Zürich\",\"query\":\"q\"}"))
                  .text())
          .isEqualTo("Zürich|q");
      assertThat(sessions.size()).isEqualTo(sessionsBefore); // no session was created
    }
  }

  @Test
  void inputRequiredIsAnsweredByTheHandlersAndRetried() {
    try (McpClient client = client(ProtocolVersion.V2026_07_28)) {
      int before = elicitations.get();
      String text = client.callTool("ask", TestServer.JSON.readTree("{}")).text();
      assertThat(text).matches("1\\?\\d+\\+2\\?\\d+ \\(sessionless\\)");
      assertThat(elicitations.get() - before).isEqualTo(2);
    }
  }

  @Test
  void answersKeptAsSingleUseHandlesOnAnEngineConfiguredSo() {
    SessionManager clientSessions = SessionManagers.builder().build();
    java.util.concurrent.atomic.AtomicInteger consumed =
        new java.util.concurrent.atomic.AtomicInteger();
    SessionManager handles =
        SessionManagers.builder()
            .listener(
                event -> {
                  if (event.to() == dev.mcpkit.api.SessionState.CLOSED) {
                    consumed.incrementAndGet();
                  }
                })
            .build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("handles", "1")
            .tool(
                Tool.of(
                    "ask",
                    "Asks twice.",
                    TestServer.JSON.readTree("{\"type\":\"object\"}"),
                    (arguments, ctx) -> {
                      JsonNode first =
                          ctx.input(
                              "first",
                              "elicitation/create",
                              TestServer.JSON.readTree("{\"message\":\"a\"}"),
                              Duration.ofSeconds(5));
                      JsonNode second =
                          ctx.input(
                              "second",
                              "elicitation/create",
                              TestServer.JSON.readTree("{\"message\":\"b\"}"),
                              Duration.ofSeconds(5));
                      return ToolResult.text(
                          first.at("/content/v").asString().charAt(0)
                              + ""
                              + second.at("/content/v").asString().charAt(0));
                    }))
            .build();
    McpHttpServer handled =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(
                McpEngines.builder(config, clientSessions)
                    .requestStateHandles(handles)
                    .requestStateKey(new byte[32])
                    .build())
            .build();
    try (McpClient client =
        McpHttpClient.builder(URI.create("http://127.0.0.1:" + handled.start() + "/mcp"))
            .protocolVersion(ProtocolVersion.V2026_07_28)
            .onRequest(
                "elicitation/create",
                params ->
                    TestServer.JSON.readTree(
                        "{\"action\":\"accept\",\"content\":{\"v\":\""
                            + params.path("message").asString()
                            + "\"}}"))
            .build()) {
      assertThat(client.callTool("ask", TestServer.JSON.readTree("{}")).text()).isEqualTo("ab");
      assertThat(consumed.get())
          .isEqualTo(2); // two rounds, two handles, each consumed by its retry
      assertThat(handles.size()).isZero();
      assertThat(clientSessions.size()).isZero();
    } finally {
      handled.close();
      handles.close();
      clientSessions.close();
    }
  }

  @Test
  void theSameToolServesA2025SessionThroughTheStream() {
    int sessionsBefore = sessions.size();
    try (McpClient client = client(ProtocolVersion.V2025_11_25)) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(client.sessionId()).isPresent();
      assertThat(client.callTool("ask", TestServer.JSON.readTree("{}")).text())
          .endsWith("(session)");
      // x-mcp-header means nothing to a 2025 session: every tool is listed.
      assertThat(client.listTools())
          .extracting(ToolInfo::name)
          .containsExactly("sql", "ask", "bad_items", "bad_type");
      assertThat(sessions.size()).isEqualTo(sessionsBefore + 1);
    }
  }
}
