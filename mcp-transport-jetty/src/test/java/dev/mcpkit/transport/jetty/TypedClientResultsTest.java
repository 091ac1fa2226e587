package dev.mcpkit.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.GetPromptResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.PromptInfo;
import dev.mcpkit.api.client.ReadResourceResult;
import dev.mcpkit.api.client.ResourceContent;
import dev.mcpkit.api.client.ResourceInfo;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Prompt;
import dev.mcpkit.api.server.PromptArgument;
import dev.mcpkit.api.server.PromptMessage;
import dev.mcpkit.api.server.PromptResult;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.ResourceContents;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client's resource and prompt calls return records over a real server, with the raw JSON kept
 * beside the typed fields.
 */
class TypedClientResultsTest {

  private static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("typed", "1")
        .resource(
            Resource.text(
                    "docs://motd", "motd", "Message of the day", "text/plain", () -> "Be kind.")
                .withTitle("MOTD"))
        .resource(
            Resource.of(
                "docs://logo",
                "logo",
                "Bytes",
                "application/octet-stream",
                (uri, ctx) ->
                    List.of(
                        new ResourceContents.Blob(
                            uri,
                            "application/octet-stream",
                            Base64.getEncoder()
                                .encodeToString("PNG".getBytes(StandardCharsets.UTF_8))))))
        .prompt(
            Prompt.of(
                    "welcome",
                    "Welcomes a user.",
                    List.of(
                        PromptArgument.required("user", "Who to welcome"),
                        PromptArgument.optional("tone", "warm or formal")),
                    (arguments, ctx) ->
                        PromptResult.of(
                            PromptMessage.user(
                                "Welcome "
                                    + arguments.get("user")
                                    + " ("
                                    + arguments.getOrDefault("tone", "warm")
                                    + ")")))
                .withTitle("Welcome"))
        .build();
  }

  @Test
  void resourcesAndPromptsComeBackAsRecordsWithTheirRawJson() {
    SessionManager sessions = SessionManagers.builder().build();
    McpHttpServer server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config(), sessions))
            .build();
    server.start();
    try (McpClient client = McpHttpClient.builder(server.endpoint()).build()) {
      List<ResourceInfo> resources = client.listResources();
      assertThat(resources)
          .extracting(ResourceInfo::uri)
          .containsExactly("docs://motd", "docs://logo");
      ResourceInfo motd = resources.get(0);
      assertThat(motd.name()).isEqualTo("motd");
      assertThat(motd.title()).isEqualTo("MOTD");
      assertThat(motd.description()).isEqualTo("Message of the day");
      assertThat(motd.mimeType()).isEqualTo("text/plain");
      assertThat(motd.raw().path("uri").asString()).isEqualTo("docs://motd");

      ReadResourceResult text = client.readResource("docs://motd");
      assertThat(text.text()).isEqualTo("Be kind.");
      assertThat(text.contents())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.uri()).isEqualTo("docs://motd");
                assertThat(c.mimeType()).isEqualTo("text/plain");
                assertThat(c.blob()).isNull();
                assertThat(c.bytes()).isEmpty();
              });
      assertThat(text.raw().at("/contents/0/text").asString()).isEqualTo("Be kind.");

      ResourceContent logo = client.readResource("docs://logo").contents().get(0);
      assertThat(logo.text()).isNull();
      assertThat(logo.bytes()).hasValue("PNG".getBytes(StandardCharsets.UTF_8));

      List<PromptInfo> prompts = client.listPrompts();
      assertThat(prompts).singleElement().extracting(PromptInfo::name).isEqualTo("welcome");
      PromptInfo welcome = prompts.get(0);
      assertThat(welcome.title()).isEqualTo("Welcome");
      assertThat(welcome.description()).isEqualTo("Welcomes a user.");
      assertThat(welcome.arguments())
          .containsExactly(
              new PromptInfo.Argument("user", "Who to welcome", true),
              new PromptInfo.Argument("tone", "warm or formal", false));

      GetPromptResult got = client.getPrompt("welcome", Map.of("user", "Ada", "tone", "formal"));
      assertThat(got.messages())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.role()).isEqualTo("user");
                assertThat(m.text()).isEqualTo("Welcome Ada (formal)");
              });
      assertThat(got.raw().at("/messages/0/content/type").asString()).isEqualTo("text");
    } finally {
      server.close();
      sessions.close();
    }
  }
}
