package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.ProgressListener;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.client.RequestTimeoutException;
import dev.mcpkit.api.client.ToolInfo;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link McpHttpClient} against an independent server: the official TypeScript SDK's {@code
 * StreamableHTTPServerTransport} with an event store ({@code interop/ts-server.mjs}), started on
 * loopback with Node from the PATH. Fails (never skips) when {@code interop/node_modules} is
 * missing.
 */
class TypeScriptServerInteropTest {
  private static Process server;
  private static URI endpoint;

  @BeforeAll
  static void startServer() throws Exception {
    Path interop = interopDir();
    if (!Files.exists(interop.resolve("node_modules/@modelcontextprotocol/sdk/package.json"))) {
      fail(
          "interop/node_modules is missing: run (cd interop && npm ci) in the repository root first");
    }
    server =
        new ProcessBuilder(node(), interop.resolve("ts-server.mjs").toString(), "0", "--quiet")
            .directory(interop.getParent().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    // Waits for the line, not for a guessed time; the timeout only bounds a broken start.
    String line =
        CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return out.readLine();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .get(60, TimeUnit.SECONDS);
    if (line == null || !line.startsWith("MCP endpoint: ")) {
      fail("ts-server.mjs did not print its endpoint, printed: " + line);
    }
    endpoint = URI.create(line.substring("MCP endpoint: ".length()).trim());
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private static Path interopDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("interop/ts-server.mjs"))) {
        return p.resolve("interop");
      }
    }
    return fail("no interop/ts-server.mjs above " + Path.of("").toAbsolutePath());
  }

  private static String node() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "node");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return fail("no node on the PATH");
  }

  private static JsonNode json(String text) {
    return TestServer.JSON.readTree(text);
  }

  private static McpClient client() {
    return McpHttpClient.builder(endpoint)
        .clientInfo("mcpkit-interop", "1.0")
        .requestTimeout(Duration.ofSeconds(20))
        .onRequest(
            "sampling/createMessage",
            params ->
                json(
                    "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"canned\"},\"model\":\"m\",\"stopReason\":\"endTurn\"}"))
        .onRequest(
            "elicitation/create",
            params ->
                json(
                    "{\"action\":\"accept\",\"content\":{\"username\":\"alice\",\"email\":\"a@example.org\"}}"))
        .build();
  }

  @Test
  void toolsResourcesAndPromptsOfTheTypeScriptServer() {
    try (McpClient client = client()) {
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(client.sessionId()).isPresent();
      assertThat(client.listTools())
          .extracting(ToolInfo::name)
          .contains("echo", "add_numbers", "slow", "test_tool_with_progress", "test_sampling");

      CallToolResult echo = client.callTool("echo", json("{\"message\":\"hello\"}"));
      assertThat(echo.text()).isEqualTo("hello");
      assertThat(echo.structuredContent()).isNotNull();
      assertThat(echo.structuredContent().path("message").asString()).isEqualTo("hello");
      assertThat(client.callTool("add_numbers", json("{\"a\":2,\"b\":3}")).text())
          .isEqualTo("The sum of 2 and 3 is 5");
      client.ping();
      assertThat(client.readResource("test://static-text").text()).isNotEmpty();
      assertThat(client.listPrompts()).isNotEmpty();
      assertThat(client.getPrompt("test_simple_prompt").messages()).isNotEmpty();
    }
  }

  @Test
  void aClientPreferring2026FallsBackToInitializeOnThisLegacyServer() {
    try (McpClient client =
        McpHttpClient.builder(endpoint).protocolVersion(ProtocolVersion.V2026_07_28).build()) {
      // server/discover without a session is refused by the legacy server without a modern error
      // code, so the client initializes with the newest session-based revision instead.
      assertThat(client.initialize().protocolVersion()).isEqualTo(ProtocolVersion.V2025_11_25);
      assertThat(client.sessionId()).isPresent();
      assertThat(client.callTool("echo", json("{\"message\":\"old\"}")).text()).isEqualTo("old");
    }
  }

  @Test
  void progressSamplingAndElicitation() {
    try (McpClient client = client()) {
      List<ProgressListener.Progress> progress = new CopyOnWriteArrayList<>();
      client.callTool(
          "test_tool_with_progress",
          json("{}"),
          RequestOptions.defaults().withProgress(progress::add));
      assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
      assertThat(progress).extracting(ProgressListener.Progress::progress).isSorted();

      assertThat(client.callTool("test_sampling", json("{\"prompt\":\"hi\"}")).text())
          .isEqualTo("LLM response: canned");
      assertThat(client.callTool("test_elicitation", json("{\"message\":\"who?\"}")).text())
          .startsWith("User response: action=accept")
          .contains("alice");
    }
  }

  @Test
  void resumesTheStreamTheServerClosesAndCancelsOnTimeout() {
    try (McpClient client = client()) {
      assertThat(client.callTool("test_reconnection", json("{}")).text())
          .startsWith("Reconnection test completed");
      assertThatThrownBy(
              () ->
                  client.callTool(
                      "slow",
                      json("{\"ms\":10000}"),
                      RequestOptions.defaults().withTimeout(Duration.ofMillis(300))))
          .isInstanceOf(RequestTimeoutException.class);
      assertThat(client.callTool("slow", json("{\"ms\":1}")).text()).isEqualTo("slept 1 ms");
    }
  }
}
