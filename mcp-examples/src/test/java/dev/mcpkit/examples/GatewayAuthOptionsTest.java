package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpkit.gateway.GatewayAuth;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's {@code --auth-issuer}, {@code --auth-resource} and {@code --auth-scopes}, as the
 * example servers have them: parsed into the configuration's {@code auth}, and a gateway started
 * with them is an OAuth resource server that refuses a request without a token and points to its
 * metadata.
 */
class GatewayAuthOptionsTest {

  @Test
  void theAuthFlagsProtectTheGatewayAsAnOAuthResourceServer() throws Exception {
    try (EverythingServer upstream = EverythingServer.start("127.0.0.1", 0)) {
      GatewayOptions options =
          GatewayOptions.parse(
              "--upstream",
              "everything=" + upstream.endpoint(),
              "--port",
              "0",
              "--auth-issuer",
              "https://auth.example.com",
              "--auth-scopes",
              "mcp:tools,mcp:read");
      assertThat(options.config().auth())
          .isEqualTo(
              GatewayAuth.oauth(
                  URI.create("https://auth.example.com"), null, List.of("mcp:tools", "mcp:read")));

      try (Gateway gateway =
              Gateway.start(
                  options.gateway(), options.host(), options.port(), options.config().auth());
          HttpClient http = HttpClient.newHttpClient()) {
        URI endpoint = gateway.endpoint();
        HttpResponse<String> refused =
            http.send(
                HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        URI metadata = endpoint.resolve("/.well-known/oauth-protected-resource/mcp");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
            .contains("resource_metadata=\"" + metadata + "\"");
        String document =
            http.send(
                    HttpRequest.newBuilder(metadata).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        var parsed = JsonMapper.builder().build().readTree(document);
        assertThat(parsed.path("resource").asString()).isEqualTo(endpoint.toString());
        assertThat(parsed.path("authorization_servers").get(0).asString())
            .isEqualTo("https://auth.example.com");
      }
    }
  }

  @Test
  void resourceAndScopesNeedAnIssuer() {
    assertThatThrownBy(
            () ->
                GatewayOptions.parse(
                    "--upstream", "a=http://127.0.0.1:1/mcp", "--auth-scopes", "mcp:tools"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--auth-issuer");
    assertThatThrownBy(
            () ->
                GatewayOptions.parse(
                    "--upstream", "a=http://127.0.0.1:1/mcp", "--auth-issuer", "auth.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--auth-issuer must be an http or https URL");
  }

  @Test
  void stdioServesALocalClientWithoutAuthentication() {
    assertThatThrownBy(
            () ->
                GatewayOptions.parse(
                    "--stdio",
                    "--upstream",
                    "a=http://127.0.0.1:1/mcp",
                    "--auth-issuer",
                    "https://auth.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--stdio serves one local client");
    assertThat(GatewayOptions.parse("--stdio", "--upstream", "a=http://127.0.0.1:1/mcp").stdio())
        .isTrue();
  }

  @Test
  void redisMakesTheGatewayANodeOfACluster() {
    assertThat(
            GatewayOptions.parse("--upstream", "a=http://127.0.0.1:1/mcp", "--redis=redis://r:6379")
                .config()
                .redis())
        .isEqualTo("redis://r:6379");
    assertThat(GatewayOptions.parse("--upstream", "a=http://127.0.0.1:1/mcp").config().redis())
        .isNull();
  }
}
