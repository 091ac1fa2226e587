package dev.mcpkit.auth.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.auth.TokenPrincipal;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.Authenticator;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole client flow between a real MCP server that demands tokens and scopes and a loopback
 * authorization server: 401, discovery, registration, authorization, token; then 403 {@code
 * insufficient_scope} (without {@code resource_metadata}: the metadata found before is used) on a
 * tool that needs more, and a step-up that asks for the union of scopes.
 */
class StepUpEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FakeAuthorizationServer as;
  private final McpHttpServer server;

  StepUpEndToEndTest() throws Exception {
    as = new FakeAuthorizationServer();
    String metadata = as.origin + "/.well-known/oauth-protected-resource/mcp";
    McpEngine engine =
        McpEngines.create(
            McpServerConfig.builder()
                .serverInfo("protected", "1.0")
                .tool(
                    Tool.of(
                            "deploy",
                            "Deploys.",
                            JSON.readTree("{\"type\":\"object\"}"),
                            (arguments, ctx) -> ToolResult.text("deployed"))
                        .withRequiredScopes("deploy:write"))
                .build(),
            SessionManagers.builder().build());
    Authenticator tokens =
        request -> {
          String authorization = request.header("Authorization");
          List<String> scopes =
              authorization == null || !authorization.startsWith("Bearer ")
                  ? null
                  : as.issuedScopes.get(authorization.substring(7));
          if (scopes == null) {
            return new Authenticator.Reject(
                "Bearer resource_metadata=\"" + metadata + "\", scope=\"mcp:basic\"",
                "a token is required");
          }
          return new Authenticator.Accept(
              new TokenPrincipal("alice", "client", new HashSet<>(scopes), Map.of()));
        };
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(engine)
            .authenticator(tokens)
            .build();
    server.start();
    as.resource = server.endpoint().toString();
  }

  @AfterEach
  void stop() {
    server.close();
    as.close();
  }

  @Test
  void authorizesThenStepsUpForTheToolsScope() {
    McpClient client =
        McpHttpClient.builder(server.endpoint())
            .authorization(OAuthAuthorization.builder(server.endpoint()).build())
            .build();
    try {
      client.initialize();
      CallToolResult result = client.callTool("deploy", JSON.createObjectNode());
      assertThat(result.toString()).contains("deployed");
    } finally {
      client.close();
    }

    assertThat(as.authorizeRequests).hasSize(2);
    assertThat(as.authorizeRequests.get(0).get("scope")).isEqualTo("mcp:basic");
    assertThat(as.authorizeRequests.get(1).get("scope")).isEqualTo("mcp:basic deploy:write");
    assertThat(as.authorizeRequests.get(1).get("resource")).isEqualTo(as.resource);
  }

  @Test
  void stepUpsStopAtTheLimitWhenTheScopeIsNeverGranted() {
    McpClient client =
        McpHttpClient.builder(server.endpoint())
            .authorization(
                OAuthAuthorization.builder(server.endpoint()).maxAuthorizations(2).build())
            .build();
    as.grantOnly = "mcp:basic"; // the server never grants deploy:write
    try {
      client.initialize();
      assertThatThrownBy(() -> client.callTool("deploy", JSON.createObjectNode()))
          .isInstanceOfSatisfying(
              McpClientException.class, e -> assertThat(e.httpStatus()).isEqualTo(403));
    } finally {
      client.close();
    }
    // one authorization for the 401, then step-ups until the limit of 2 per request
    assertThat(as.authorizeRequests).hasSize(3);
  }
}
