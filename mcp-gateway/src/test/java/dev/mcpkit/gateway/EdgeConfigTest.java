package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The edge keys of the configuration file: auth, policy, rateLimits and an upstream's oauth. */
class EdgeConfigTest {
  private static final Map<String, String> ENV =
      Map.of("ALICE_TOKEN", "alice-s3cret", "DOCS_SECRET", "docs-s3cret");

  @TempDir Path dir;

  private GatewayConfig read(String yaml) throws IOException {
    return GatewayConfig.read(Files.writeString(dir.resolve("gateway.yaml"), yaml), ENV);
  }

  private static final String UPSTREAM =
      """
      upstreams:
        - name: docs
          url: http://127.0.0.1:8081/mcp
      """;

  @Test
  void readsTokensPolicyRateLimitsAndUpstreamOAuth() throws IOException {
    GatewayConfig config =
        read(
            """
            auth:
              tokens:
                - token: ${ALICE_TOKEN}
                  principal: alice
            policy:
              - principal: "*"
                deny: ["*__delete_*"]
              - principal: alice
                allow: docs__*
            rateLimits:
              - requests: 600
                per: 1m
              - principal: alice
                tool: "docs__*"
                requests: 5
                per: 1s
            upstreams:
              - name: docs
                url: http://127.0.0.1:8081/mcp
                oauth:
                  clientId: mcp-gateway
                  clientSecretEnv: DOCS_SECRET
            """);

    assertThat(config.auth()).isEqualTo(GatewayAuth.bearerTokens(Map.of("alice-s3cret", "alice")));
    assertThat(config.auth().toString()).doesNotContain("s3cret");
    assertThat(config.policy())
        .containsExactly(
            new ToolRule("*", List.of(), List.of("*__delete_*")),
            new ToolRule("alice", List.of("docs__*"), List.of()));
    assertThat(config.rateLimits())
        .containsExactly(
            new RateLimit("*", null, 600, Duration.ofMinutes(1)),
            new RateLimit("alice", "docs__*", 5, Duration.ofSeconds(1)));
    UpstreamConfig docs = config.upstreams().getFirst();
    assertThat(docs.oauth()).isEqualTo(new UpstreamOAuth("mcp-gateway", "docs-s3cret"));
    assertThat(docs.toString()).contains("mcp-gateway").doesNotContain("s3cret");
  }

  @Test
  void readsOAuthAtTheEdge() throws IOException {
    GatewayConfig config =
        read(
            """
            auth:
              issuer: https://auth.example.com
              resource: https://gateway.example.com/mcp
              scopes: [mcp:tools]
            """
                + UPSTREAM);

    assertThat(config.auth())
        .isEqualTo(
            GatewayAuth.oauth(
                URI.create("https://auth.example.com"),
                URI.create("https://gateway.example.com/mcp"),
                List.of("mcp:tools")));
    assertThat(config.policy()).isEmpty();
    assertThat(config.rateLimits()).isEmpty();
  }

  @Test
  void errorsNameTheEdgeKey() {
    assertError("auth:\n  issuer: https://a.example\n  tokens: []\n", "auth: give either");
    assertError("auth:\n  tokens:\n    - token: x\n", "auth.tokens[0].principal: is missing");
    assertError(
        "auth:\n  tokens:\n    - token: ${NOPE}\n      principal: a\n",
        "auth.tokens[0].token: environment variable NOPE is not set");
    assertError("auth:\n  issuer: ftp://a\n", "auth.issuer: must be an http or https URL");
    assertError("auth:\n  realm: x\n", "auth.realm: unknown key");
    assertError("policy:\n  - principal: a\n", "policy[0]: needs allow or deny");
    assertError("policy:\n  - allow: [x]\n", "policy[0].principal: is missing");
    assertError("policy:\n  - principal: a\n    allow: [1]\n", "policy[0].allow: must be a list");
    assertError("rateLimits:\n  - per: 1s\n", "rateLimits[0].requests: must be a positive");
    assertError("rateLimits:\n  - requests: 0\n    per: 1s\n", "rateLimits[0].requests");
    assertError("rateLimits:\n  - requests: 5\n", "rateLimits[0].per: is missing");
    assertError("rateLimits:\n  - requests: 5\n    per: soon\n", "rateLimits[0].per: must be");
    assertError("rateLimits: {}\n", "rateLimits: must be a list");
    assertError(
        "upstreams:\n  - name: d\n    url: http://h/mcp\n    oauth:\n      clientId: c\n"
            + "      clientSecretEnv: UNSET_SECRET\n",
        "upstreams[0].oauth.clientSecretEnv: environment variable UNSET_SECRET is not set");
    assertError(
        "upstreams:\n  - name: d\n    url: http://h/mcp\n    oauth:\n      clientId: c\n"
            + "      clientSecret: inline\n",
        "upstreams[0].oauth.clientSecret: unknown key");
    assertError(
        "upstreams:\n  - name: d\n    url: http://h/mcp\n    oauth:\n      clientId: c\n"
            + "      clientSecretEnv: not a name\n",
        "upstreams[0].oauth.clientSecretEnv: must name an environment variable");
    assertError(
        "upstreams:\n  - name: d\n    url: http://h/mcp\n    headers:\n      authorization: x\n"
            + "    oauth:\n      clientId: c\n      clientSecretEnv: DOCS_SECRET\n",
        "upstreams[0].oauth: cannot be combined with an Authorization header");
  }

  private void assertError(String yaml, String expected) {
    String content = yaml.contains("upstreams:") ? yaml : yaml + UPSTREAM;
    assertThatThrownBy(() -> read(content))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(expected);
  }
}
