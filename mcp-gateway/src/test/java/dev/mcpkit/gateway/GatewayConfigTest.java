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

/** Reading and validating the gateway's configuration file: every error names key and problem. */
class GatewayConfigTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void readsACompleteYamlFile() throws IOException {
    Path yaml =
        file(
            "gateway.yaml",
            """
            host: 0.0.0.0
            port: 9090
            separator: "."
            sessionIdleTimeout: 5m
            upstreams:
              - name: docs
                url: http://127.0.0.1:8081/mcp
                timeout: 500ms
                headers:
                  Authorization: Bearer ${DOCS_TOKEN}
              - name: files
                command: [npx, -y, server-filesystem, /tmp]
            """);
    GatewayConfig config = GatewayConfig.read(yaml, Map.of("DOCS_TOKEN", "s3cret"));

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9090);
    assertThat(config.separator()).isEqualTo(".");
    assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(5));
    UpstreamConfig docs = config.upstreams().get(0);
    assertThat(docs.url()).isEqualTo(URI.create("http://127.0.0.1:8081/mcp"));
    assertThat(docs.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(docs.headers()).containsEntry("Authorization", "Bearer s3cret");
    assertThat(docs.toString()).doesNotContain("s3cret");
    UpstreamConfig files = config.upstreams().get(1);
    assertThat(files.isStdio()).isTrue();
    assertThat(files.command()).containsExactly("npx", "-y", "server-filesystem", "/tmp");
    assertThat(files.timeout()).isEqualTo(UpstreamConfig.DEFAULT_TIMEOUT);
  }

  @Test
  void readsJsonToo() throws IOException {
    Path json =
        file(
            "gateway.json",
            "{\"upstreams\":[{\"name\":\"a\",\"url\":\"https://a.example/mcp\",\"timeout\":\"PT2S\"}]}");
    GatewayConfig config = GatewayConfig.read(json, Map.of());
    assertThat(config.upstreams())
        .containsExactly(
            new UpstreamConfig(
                "a",
                URI.create("https://a.example/mcp"),
                List.of(),
                Duration.ofSeconds(2),
                Map.of()));
    assertThat(config.port()).isNull();
  }

  @Test
  void namesTheKeyAndTheProblem() throws IOException {
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', tmeout: 5s}]",
        "upstreams[0].tmeout: unknown key");
    assertError("hots: x\nupstreams: []", ": hots: unknown key");
    assertError(
        "upstreams: [{name: a, url: 'ftp://x/mcp'}]",
        "upstreams[0].url: must be an http or https URL");
    assertError(
        "upstreams: [{name: a, url: 'http://bad host/'}]", "upstreams[0].url: is not a URL");
    assertError(
        "upstreams: [{name: a}]", "upstreams[0]: needs a url (Streamable HTTP) or a command");
    assertError(
        "upstreams: [{name: a, command: []}]", "upstreams[0].command: must be a command line");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp'}, {name: a, url: 'http://y/mcp'}]",
        "upstreams[1].name: duplicate upstream name 'a'");
    assertError("upstreams: [{url: 'http://x/mcp'}]", "upstreams[0].name: is missing");
    assertError("upstreams: [{name: 'a b', url: 'http://x/mcp'}]", "upstreams[0].name: must be");
    assertError("port: 70000\nupstreams: []", "port: must be a number 0-65535");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', timeout: soon}]",
        "upstreams[0].timeout: must be a positive duration");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', headers: {X-Key: '${NOPE}'}}]",
        "upstreams[0].headers.X-Key: environment variable NOPE is not set");
    assertError("separator: '/'\nupstreams: []", "separator: must be 1-4 of");
    assertError("upstreams: [name: a\n  url: x", "not valid YAML or JSON");
  }

  @Test
  void readsTheProtocolOfAnHttpUpstream() throws IOException {
    Path yaml =
        file(
            "protocol.yaml",
            """
            upstreams:
              - name: a
                url: http://a.example/mcp
                protocol: stateless
              - name: b
                url: http://b.example/mcp
                protocol: sessions
              - name: c
                url: http://c.example/mcp
            """);
    assertThat(GatewayConfig.read(yaml, Map.of()).upstreams())
        .extracting(UpstreamConfig::protocol)
        .containsExactly(
            UpstreamConfig.Protocol.STATELESS,
            UpstreamConfig.Protocol.SESSIONS,
            UpstreamConfig.Protocol.AUTO);
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', protocol: v2}]",
        "upstreams[0].protocol: must be auto, sessions or stateless, got 'v2'");
    assertError(
        "upstreams: [{name: a, command: cat, protocol: stateless}]",
        "upstreams[0].protocol: is for an HTTP upstream");
  }

  @Test
  void readsTheMessageLimitOfAnUpstream() throws IOException {
    Path yaml =
        file(
            "limits.yaml",
            """
            upstreams:
              - name: a
                url: http://a.example/mcp
                maxMessageBytes: 64KB
              - name: b
                command: cat
                maxMessageBytes: 2048
              - name: c
                url: http://c.example/mcp
            """);
    assertThat(GatewayConfig.read(yaml, Map.of()).upstreams())
        .extracting(UpstreamConfig::maxMessageBytes)
        .containsExactly(64 * 1024, 2048, UpstreamConfig.DEFAULT_MAX_MESSAGE_BYTES);
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', maxMessageBytes: lots}]",
        "upstreams[0].maxMessageBytes: must be a positive size such as 512KB, 8MB, 1GB, got"
            + " \"lots\"");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', maxMessageBytes: 512}]",
        "upstreams[0].maxMessageBytes: must be between 1KB and 2047MB, got 512");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', maxMessageBytes: 4GB}]",
        "upstreams[0].maxMessageBytes: must be between 1KB and 2047MB");
    assertThatThrownBy(
            () -> UpstreamConfig.http("a", URI.create("http://x/mcp")).withMaxMessageBytes(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("upstream a: maxMessageBytes must be at least 1024, got 10");
  }

  private void assertError(String content, String expected) throws IOException {
    Path bad = file("bad.yaml", content);
    assertThatThrownBy(() -> GatewayConfig.read(bad, Map.of()))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageContaining(expected);
  }

  @Test
  void readsAStdioUpstreamWithArgsEnvironmentDirectoryAndRestart() throws IOException {
    Path yaml =
        file(
            "stdio.yaml",
            """
            upstreams:
              - name: files
                command: node
                args: [server.js, --stdio]
                env:
                  API_KEY: ${FILES_KEY}
                  MODE: fast
                directory: %s
                restart:
                  initialDelay: 200ms
                  maxDelay: 10s
            """
                .formatted(dir));
    UpstreamConfig files = GatewayConfig.read(yaml, Map.of("FILES_KEY", "k3y")).upstreams().get(0);
    assertThat(files.command()).containsExactly("node", "server.js", "--stdio");
    assertThat(files.environment()).containsEntry("API_KEY", "k3y").containsEntry("MODE", "fast");
    assertThat(files.directory()).isEqualTo(dir);
    assertThat(files.restart())
        .isEqualTo(new UpstreamConfig.Restart(Duration.ofMillis(200), Duration.ofSeconds(10)));
    assertThat(files.toString()).contains("API_KEY").doesNotContain("k3y");
  }

  @Test
  void namesTheStdioKeyAndTheProblem() throws IOException {
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', args: [x]}]",
        "upstreams[0].args: is for a stdio upstream");
    assertError(
        "upstreams: [{name: a, url: 'http://x/mcp', env: {A: b}}]",
        "upstreams[0].env: is for a stdio upstream");
    assertError(
        "upstreams: [{name: a, command: x, env: [A]}]", "upstreams[0].env: must be a mapping");
    assertError(
        "upstreams: [{name: a, command: x, env: {A: '${NOPE}'}}]",
        "upstreams[0].env.A: environment variable NOPE is not set");
    assertError(
        "upstreams: [{name: a, command: x, directory: /no/such/dir}]",
        "upstreams[0].directory: is not a directory");
    assertError(
        "upstreams: [{name: a, command: x, restart: {initialDelay: 5s, maxDelay: 1s}}]",
        "upstreams[0].restart.maxDelay: must be at least initialDelay");
    assertError(
        "upstreams: [{name: a, command: x, restart: {delay: 5s}}]",
        "upstreams[0].restart.delay: unknown key");
    assertError("upstreams: [{name: a, command: x, args: x}]", "upstreams[0].args: must be a list");
  }

  @Test
  void theRestartBackoffDoublesUpToItsBound() {
    UpstreamConfig.Restart restart =
        new UpstreamConfig.Restart(Duration.ofMillis(500), Duration.ofSeconds(3));
    assertThat(List.of(0, 1, 2, 3, 10, 1000).stream().map(restart::delay))
        .containsExactly(
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3));
  }

  @Test
  void readsTheRedisOfAClusterWithVariablesAndKeepsItOutOfToString() throws IOException {
    Path yaml =
        file(
            "cluster.yaml",
            """
            redis: redis://:${REDIS_PASSWORD}@10.0.0.5:6379/0
            upstreams:
              - name: docs
                url: http://127.0.0.1:8081/mcp
            """);
    GatewayConfig config = GatewayConfig.read(yaml, Map.of("REDIS_PASSWORD", "pa55"));
    assertThat(config.redis()).isEqualTo("redis://:pa55@10.0.0.5:6379/0");
    assertThat(config.toString()).doesNotContain("pa55");
    assertThat(GatewayConfig.read(file("alone.yaml", "upstreams: []\n")).redis()).isNull();
  }

  @Test
  void aRedisThatIsNotARedisUriIsNamedWithoutEchoingIt() throws IOException {
    Path yaml = file("bad.yaml", "redis: http://user:secret@host\nupstreams: []\n");
    assertThatThrownBy(() -> GatewayConfig.read(yaml))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("redis: must be a redis://")
        .hasMessageNotContaining("secret");
  }

  @Test
  void theBuilderRefusesARedisThatIsNotARedisUri() {
    assertThatThrownBy(() -> McpGateway.builder().redis("http://127.0.0.1:6379"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("redis:");
  }

  @Test
  void theBuilderRefusesForwardedRetryBoundsOutOfRange() {
    assertThatThrownBy(
            () -> McpGateway.builder().forwardedRetries(Duration.ZERO, Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("keepAlive must be positive");
    assertThatThrownBy(
            () ->
                McpGateway.builder().forwardedRetries(Duration.ofSeconds(2), Duration.ofSeconds(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("silence must be at least twice keepAlive");
    McpGateway.builder().forwardedRetries(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void readsTheRequestStateKeyFromAVariableAndKeepsItOutOfToString() throws IOException {
    String key = java.util.Base64.getEncoder().encodeToString(new byte[32]).replace("A", "Q");
    Path yaml =
        file(
            "key.yaml",
            """
            requestStateKey: ${STATE_KEY}
            upstreams: []
            """);
    GatewayConfig config = GatewayConfig.read(yaml, Map.of("STATE_KEY", key));
    assertThat(config.requestStateKey()).isEqualTo(key);
    assertThat(config.requestStateKeyBytes()).hasSize(32);
    assertThat(config.toString()).doesNotContain(key).contains("requestStateKey=(set)");
    assertThat(GatewayConfig.read(file("none.yaml", "upstreams: []\n")).requestStateKeyBytes())
        .isNull();
  }

  @Test
  void aShortOrMalformedRequestStateKeyIsNamedWithoutEchoingIt() throws IOException {
    Path shortKey = file("short.yaml", "requestStateKey: c2VjcmV0c2VjcmV0\nupstreams: []\n");
    assertThatThrownBy(() -> GatewayConfig.read(shortKey))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("requestStateKey: needs at least 32 bytes, got 12")
        .hasMessageNotContaining("c2VjcmV0");
    Path notBase64 = file("bad.yaml", "requestStateKey: not*base64!\nupstreams: []\n");
    assertThatThrownBy(() -> GatewayConfig.read(notBase64))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("requestStateKey: is not Base64")
        .hasMessageNotContaining("not*base64");
  }
}
