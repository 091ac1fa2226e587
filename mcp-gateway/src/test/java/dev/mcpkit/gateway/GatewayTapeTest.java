package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.McpClientException;
import dev.mcpkit.gateway.tape.TapeSettings;
import dev.mcpkit.transport.jetty.ClientAuthorization;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A gateway that records: what lands on the tape, what never does, and the tape replayed. */
class GatewayTapeTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path tapes;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closing(T resource) {
    resources.add(resource);
    return resource;
  }

  private URI serve(McpGateway gateway) {
    closing(gateway);
    McpHttpServer server =
        closing(McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build());
    server.start();
    return server.endpoint();
  }

  /** A client that sends a bearer token the gateway does not check, as a client might. */
  private static McpClient clientWithToken(URI endpoint) {
    return McpHttpClient.builder(endpoint)
        .clientInfo("test", "1.0")
        .authorization(
            new ClientAuthorization() {
              @Override
              public Map<String, String> headers(String method, URI uri) {
                return Map.of("Authorization", "Bearer s3cret-client-token");
              }

              @Override
              public boolean refused(Refusal refusal) {
                return false;
              }
            })
        .build();
  }

  private Path onlyTape() throws Exception {
    try (Stream<Path> files = Files.list(tapes)) {
      List<Path> found = files.filter(f -> f.toString().endsWith(".jsonl")).toList();
      assertThat(found).hasSize(1);
      return found.get(0);
    }
  }

  private static List<JsonNode> lines(Path tape) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(tape)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void bothSidesAreRecordedWithSecretsRedactedAndTheTapeReplaysAsTheUpstream() throws Exception {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway =
        McpGateway.builder()
            .upstream(upstream.config())
            .tapes(TapeSettings.of(tapes).withRedactPaths(List.of("params.arguments.ssn")))
            .build();
    URI endpoint = serve(gateway);
    JsonNode arguments =
        JSON.readTree("{\"text\":\"hi\",\"password\":\"hunter2\",\"ssn\":\"078-05-1120\"}");
    try (McpClient client = clientWithToken(endpoint)) {
      client.initialize();
      assertThat(client.callTool("echo", arguments).text()).isEqualTo("alpha: hi");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<JsonNode> lines = lines(onlyTape());
              assertThat(lines.get(lines.size() - 1).path("end").asString()).isEqualTo("closed");
            });
    Path tape = onlyTape();

    String text = Files.readString(tape);
    assertThat(text).doesNotContain("s3cret-client-token", "hunter2", "078-05-1120");
    List<JsonNode> lines = lines(tape);
    assertThat(lines.get(1).at("/headers/authorization").asString()).isEqualTo("[REDACTED]");
    assertThat(lines.get(1).at("/message/method").asString()).isEqualTo("initialize");
    assertThat(lines)
        .filteredOn(l -> l.at("/message/method").asString("").equals("tools/call"))
        .extracting(l -> l.path("dir").asString() + " " + l.at("/message/params/arguments"))
        .containsExactly(
            "client-to-gateway {\"text\":\"hi\",\"password\":\"[REDACTED]\",\"ssn\":\"[REDACTED]\"}",
            "gateway-to-upstream {\"text\":\"hi\",\"password\":\"[REDACTED]\",\"ssn\":\"[REDACTED]\"}");
    assertThat(lines)
        .filteredOn(l -> l.path("dir").asString().equals("upstream-to-gateway"))
        .extracting(l -> l.at("/message/result/content/0/text").asString(""))
        .contains("alpha: hi");
    assertThat(lines).anyMatch(l -> l.path("delete").asBoolean(false));
    assertThat(gateway.tapeStats().orElseThrow().tapes()).isEqualTo(1);

    // The tape as the upstream: same server, same answer, the real one untouched.
    upstream.close();
    URI replay = serve(McpGateway.builder().upstream(UpstreamConfig.tape("alpha", tape)).build());
    try (McpClient client = McpHttpClient.builder(replay).build()) {
      assertThat(client.initialize().serverName()).isEqualTo("alpha");
      // Values recorded redacted match whatever the client sends; the rest must be equal.
      assertThat(client.callTool("echo", arguments).text()).isEqualTo("alpha: hi");
      JsonNode other = JSON.readTree("{\"text\":\"bye\",\"password\":\"other\",\"ssn\":\"other\"}");
      assertThatThrownBy(() -> client.callTool("echo", other))
          .as("no recorded answer to another text")
          .isInstanceOfSatisfying(
              McpClientException.class,
              e ->
                  assertThat(e.error().orElseThrow().message())
                      .contains("has no answer to tools/call"));
    }
  }

  @Test
  void withoutTapesNothingIsRecorded() throws Exception {
    TestUpstream upstream = closing(new TestUpstream("alpha", "only_alpha"));
    McpGateway gateway = McpGateway.builder().upstream(upstream.config()).build();
    try (McpClient client = McpHttpClient.builder(serve(gateway)).build()) {
      client.initialize();
      client.listTools();
    }
    assertThat(gateway.tapeStats()).isEmpty();
    try (Stream<Path> files = Files.list(tapes)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theConfigurationFileReadsTapesAndTapeUpstreams() throws Exception {
    Path tape = tapes.resolve("recorded.jsonl");
    Files.writeString(tape, "{\"tape\":\"mcpkit-tape/1\"}\n");
    Path file =
        Files.writeString(
            tapes.resolve("gateway.yaml"),
            """
            tapes:
              directory: out
              maxBytesPerTape: 512KB
              maxTotalBytes: 2GB
              maxDurationPerTape: 10m
              queueCapacity: 100
              redactHeaders: [X-Tenant-Key]
              redactPaths: [params.arguments.ssn]
            upstreams:
              - name: replayed
                tape: recorded.jsonl
                timeout: 5s
            """);

    GatewayConfig config = GatewayConfig.read(file, Map.of());

    TapeSettings settings = config.tapes();
    assertThat(settings).isNotNull();
    assertThat(settings.directory()).isEqualTo(tapes.resolve("out"));
    assertThat(settings.maxBytesPerTape()).isEqualTo(512 * 1024);
    assertThat(settings.maxTotalBytes()).isEqualTo(2L << 30);
    assertThat(settings.maxDurationPerTape()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.queueCapacity()).isEqualTo(100);
    assertThat(settings.redactHeaders()).containsExactly("x-tenant-key");
    assertThat(settings.redactPaths()).containsExactly("params.arguments.ssn");
    UpstreamConfig replayed = config.upstreams().get(0);
    assertThat(replayed.isTape()).isTrue();
    assertThat(replayed.url()).isEqualTo(tape.toUri());
    assertThat(replayed.timeout()).isEqualTo(Duration.ofSeconds(5));

    Path bad =
        Files.writeString(
            tapes.resolve("bad.yaml"),
            "tapes:\n  directory: out\n  maxBytesPerTape: lots\nupstreams:\n  - name: a\n"
                + "    url: http://127.0.0.1:1/mcp\n");
    assertThatThrownBy(() -> GatewayConfig.read(bad, Map.of()))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("tapes.maxBytesPerTape: must be a positive size");
    Path missing =
        Files.writeString(
            tapes.resolve("missing.yaml"), "upstreams:\n  - name: a\n    tape: missing.jsonl\n");
    assertThatThrownBy(() -> GatewayConfig.read(missing, Map.of()))
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining("upstreams[0].tape: is not a file: 'missing.jsonl'");
  }
}
