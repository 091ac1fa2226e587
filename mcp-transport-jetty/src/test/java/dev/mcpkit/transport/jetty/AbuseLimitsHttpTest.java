package dev.mcpkit.transport.jetty;

import static dev.mcpkit.transport.jetty.McpTestClient.initialize;
import static dev.mcpkit.transport.jetty.McpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpkit.api.ClientLimits;
import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.SessionPolicy.AdmissionPolicy;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.SessionEvent;
import dev.mcpkit.api.spi.SessionListener;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 21 over a real server on loopback: a flood of handshakes that never complete neither evicts
 * nor locks out established clients, and a client that opens too many sessions is told 429.
 */
class AbuseLimitsHttpTest {
  private static final String VERSION = "2025-11-25";
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);
  private static final String TOOLS_LIST =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}";

  /** The manager's clock, moved by the test: handshake timeouts come when the test says so. */
  private static final class TestClock implements InstantSource {
    private final AtomicLong millis =
        new AtomicLong(Instant.parse("2026-12-01T00:00:00Z").toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }
  }

  private final TestClock clock = new TestClock();
  private final Queue<CloseReason> closes = new ConcurrentLinkedQueue<>();
  private SessionManager sessions;
  private McpHttpServer server;
  private McpTestClient client;

  private void start(SessionPolicy policy) {
    sessions =
        SessionManagers.builder()
            .policy(policy)
            .clock(clock)
            .expiryInterval(Duration.ZERO) // expiry when the test moves the clock and asks
            .listener(
                new SessionListener() {
                  @Override
                  public void onSessionEvent(SessionEvent event) {
                    if (event.closeReason() != null) {
                      closes.add(event.closeReason());
                    }
                  }
                })
            .build();
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("abuse-test", "1.0.0")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes.",
                    TestServer.JSON.readTree("{\"type\":\"object\"}"),
                    (arguments, ctx) -> ToolResult.text("ok")))
            .build();
    server =
        McpHttpServer.builder()
            .host("127.0.0.1")
            .port(0)
            .engine(McpEngines.create(config, sessions))
            .build();
    server.start();
    client = new McpTestClient(server.endpoint());
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (sessions != null) {
      sessions.shutdown(Duration.ZERO);
    }
  }

  private HttpResponse<String> initializeOnly() {
    return client.post(client.request(), initialize(1, VERSION));
  }

  private void assertServing(List<String> established) {
    for (String id : established) {
      HttpResponse<String> listed = client.post(client.request(id), TOOLS_LIST);
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(json(listed).at("/result/tools/0/name").asString()).isEqualTo("echo");
    }
  }

  private static void assertRefused(HttpResponse<String> response, int status, String retryAfter) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Retry-After")).contains(retryAfter);
    JsonNode body = json(response);
    assertThat(body.get("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(body.get("id").asInt()).isEqualTo(1); // the refused initialize
    assertThat(body.at("/error/code").asInt()).isEqualTo(-32603);
    assertThat(response.headers().firstValue("Mcp-Session-Id")).isEmpty();
  }

  /** Sends {@code count} initialize requests, a window of them at a time; returns the answers. */
  private List<HttpResponse<String>> flood(int count) {
    List<HttpResponse<String>> answers = new ArrayList<>();
    int window = 64;
    for (int sent = 0; sent < count; sent += window) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = sent; i < Math.min(count, sent + window); i++) {
        inFlight.add(
            client.sendAsync(
                client
                    .request()
                    .POST(HttpRequest.BodyPublishers.ofString(initialize(1, VERSION)))
                    .build()));
      }
      inFlight.forEach(f -> answers.add(f.join()));
    }
    return answers;
  }

  @ParameterizedTest
  @EnumSource(AdmissionPolicy.class)
  void establishedSessionsSurviveAHandshakeFloodAndNewClientsGetInByTimeout(
      AdmissionPolicy admission) {
    int pool = 50;
    start(
        SessionPolicy.builder()
            .maxSessions(200)
            .maxPendingHandshakes(pool)
            .handshakeTimeout(HANDSHAKE)
            .admissionPolicy(admission)
            .clientLimits(
                ClientLimits.unlimited()) // a flood from many addresses, as far as this goes
            .build());
    List<String> established = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      established.add(client.handshake(VERSION));
    }

    List<HttpResponse<String>> answers = flood(2_000);
    long admitted = answers.stream().filter(r -> r.statusCode() == 200).count();
    assertThat(admitted).isEqualTo(pool);
    for (HttpResponse<String> refused : answers) {
      if (refused.statusCode() != 200) {
        assertRefused(refused, 503, "10");
      }
    }
    assertServing(established);

    // During the flood: nothing frees before the handshake timeout...
    assertRefused(initializeOnly(), 503, "10");
    // ...and then a well-behaved client gets a slot before the flood refills them.
    clock.advance(HANDSHAKE);
    String newcomer = client.handshake(VERSION);
    // The newcomer's handshake completed, so it holds no pending slot: the flood refills them all.
    assertThat(flood(500).stream().filter(r -> r.statusCode() == 200).count()).isEqualTo(pool);
    assertServing(established);
    assertServing(List.of(newcomer));

    // After the flood, its handshakes time out and everyone gets in.
    clock.advance(HANDSHAKE);
    sessions.cleanUp();
    assertThat(client.handshake(VERSION)).isNotBlank();
    assertServing(established);
    assertServing(List.of(newcomer));
    assertThat(closes).isNotEmpty().allMatch(reason -> reason == CloseReason.HANDSHAKE_TIMEOUT);
    assertThat(sessions.size()).isEqualTo(established.size() + 2);
  }

  @Test
  void aClientOpeningSessionsTooFastIsAnswered429WithRetryAfter() {
    start(
        SessionPolicy.builder()
            .clientLimits(ClientLimits.builder().sessionsPerSecond(0.5).burst(3).build())
            .build());
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      mine.add(client.handshake(VERSION));
    }
    HttpResponse<String> refused = initializeOnly();
    assertRefused(refused, 429, "2");
    assertThat(json(refused).at("/error/message").asString()).contains("too many new sessions");
    assertServing(mine); // its established sessions are not harmed

    clock.advance(Duration.ofSeconds(2));
    assertThat(client.handshake(VERSION)).isNotBlank();
  }

  @Test
  void aClientHoldingTooManySessionsIsAnswered429UntilItEndsOne() {
    start(
        SessionPolicy.builder()
            .clientLimits(
                ClientLimits.builder()
                    .sessionsPerSecond(Double.POSITIVE_INFINITY)
                    .maxSessionsPerClient(2)
                    .build())
            .build());
    String first = client.handshake(VERSION);
    client.handshake(VERSION);
    assertRefused(initializeOnly(), 429, "1");

    HttpResponse<String> deleted = client.send(client.request(first).DELETE().build());
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(client.handshake(VERSION)).isNotBlank();
  }
}
