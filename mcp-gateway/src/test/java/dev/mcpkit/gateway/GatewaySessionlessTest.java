package dev.mcpkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.CloseReason;
import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessionless (2026-07-28) clients at the gateway, in front of session-based upstreams (mcpkit
 * servers on loopback): discovery from the upstreams' handshakes, the merged catalogue with its
 * names and tool rules, upstream sessions reused per principal and capabilities and bounded, and an
 * upstream's request to the client parked behind {@code input_required}: resumed by the retry, or
 * failed upstream when the client does not come back in time.
 */
class GatewaySessionlessTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Opened upstream sessions, by upstream. */
  private static final class Sessions implements GatewayObserver {
    final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();

    @Override
    public void upstreamSessionOpened(String upstream) {
      opened.computeIfAbsent(upstream, u -> new AtomicInteger()).incrementAndGet();
    }

    int opened(String upstream) {
      AtomicInteger count = opened.get(upstream);
      return count == null ? 0 : count.get();
    }
  }

  private static McpClient client2026(URI endpoint, boolean elicitation) {
    var builder =
        dev.mcpkit.transport.jetty.McpHttpClient.builder(endpoint)
            .protocolVersion(ProtocolVersion.V2026_07_28);
    if (elicitation) {
      builder.onRequest(
          "elicitation/create",
          params -> {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("action", "accept");
            answer.putObject("content").put("name", "Ada");
            return answer;
          });
    }
    return builder.build();
  }

  @Test
  void servesTheMergedCatalogueOnReusedUpstreamSessions() throws Exception {
    Sessions sessions = new Sessions();
    try (TestUpstream a = new TestUpstream("a", "alpha");
        TestUpstream b = new TestUpstream("b", "beta");
        McpGateway gateway =
            McpGateway.builder()
                .upstream(a.config().withProtocol(UpstreamConfig.Protocol.SESSIONS))
                .upstream(b.config().withProtocol(UpstreamConfig.Protocol.SESSIONS))
                .toolRule(new ToolRule("*", List.of(), List.of("b__beta")))
                .observer(sessions)
                .build();
        McpHttpServer server = serve(gateway)) {
      try (McpClient client = client2026(server.endpoint(), false)) {
        var discovered = client.initialize();
        assertThat(discovered.protocolVersion()).isEqualTo(ProtocolVersion.V2026_07_28);
        assertThat(discovered.capabilities().has("tools")).isTrue();
        assertThat(discovered.instructions()).contains("## a").contains("Upstream b.");
        assertThat(client.listTools())
            .extracting(tool -> tool.name())
            .contains("a__echo", "b__echo", "a__alpha")
            .doesNotContain("b__beta");
        assertThat(client.callTool("b__echo", JSON.readTree("{\"text\":\"hi\"}")).text())
            .contains("b: hi");
        assertThat(client.callTool("a__echo", JSON.readTree("{\"text\":\"again\"}")).text())
            .contains("a: again");
        // Listing, then two calls, one after another: one session per upstream, reused.
        assertThat(sessions.opened("a")).isEqualTo(1);
        assertThat(sessions.opened("b")).isEqualTo(1);
      }
      // Another client declaring other capabilities gets upstream sessions of its own.
      try (McpClient other = client2026(server.endpoint(), true)) {
        other.initialize();
        other.callTool("a__echo", JSON.readTree("{\"text\":\"x\"}"));
        assertThat(sessions.opened("a")).isEqualTo(2);
      }
    }
  }

  /** An upstream whose tool asks the client's name over its session, and records the outcome. */
  private static final class AskingUpstream implements AutoCloseable {
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final List<CloseReason> closed = new CopyOnWriteArrayList<>();
    final McpHttpServer server;

    AskingUpstream() {
      SessionManager managed =
          SessionManagers.builder()
              .listener(
                  event -> {
                    if (event.to() == dev.mcpkit.api.SessionState.CLOSED) {
                      closed.add(event.closeReason());
                    }
                  })
              .build();
      McpServerConfig config =
          McpServerConfig.builder()
              .serverInfo("asking", "1.0.0")
              .tool(
                  Tool.of(
                      "ask",
                      "Asks the client's name.",
                      TestUpstream.SCHEMA,
                      (arguments, ctx) -> {
                        ObjectNode params = JSON.createObjectNode();
                        params.put("message", "Your name?");
                        params
                            .putObject("requestedSchema")
                            .put("type", "object")
                            .putObject("properties")
                            .putObject("name")
                            .put("type", "string");
                        try {
                          JsonNode answer =
                              ctx.request("elicitation/create", params, Duration.ofSeconds(30));
                          String name = answer.at("/content/name").asString("?");
                          outcomes.add("answered " + name);
                          return ToolResult.text("Hello, " + name);
                        } catch (Exception e) {
                          outcomes.add("failed");
                          return ToolResult.error("no answer");
                        }
                      }))
              .build();
      this.server =
          McpHttpServer.builder()
              .engine(McpEngines.create(config, managed))
              .host("127.0.0.1")
              .port(0)
              .build();
      server.start();
    }

    /** A gateway builder with this server as its only upstream, reached with sessions. */
    McpGateway.Builder gateway() {
      return McpGateway.builder()
          .upstream(
              UpstreamConfig.http("asking", server.endpoint())
                  .withProtocol(UpstreamConfig.Protocol.SESSIONS));
    }

    @Override
    public void close() {
      server.close();
    }
  }

  @Test
  void anUpstreamRequestBecomesInputRequiredAndTheRetryResumesTheCall() throws Exception {
    try (AskingUpstream upstream = new AskingUpstream();
        McpGateway gateway = upstream.gateway().build();
        McpHttpServer server = serve(gateway)) {
      // Raw first round: the upstream's elicitation/create comes back as input_required.
      JsonNode first = post(server.endpoint(), callAsk(null, null));
      JsonNode result = first.path("result");
      assertThat(result.path("resultType").asString()).isEqualTo("input_required");
      String key = result.path("inputRequests").propertyNames().iterator().next();
      assertThat(result.at("/inputRequests/" + key + "/method").asString())
          .isEqualTo("elicitation/create");
      String state = result.path("requestState").asString();
      // A forged state is refused; the parked call is untouched.
      JsonNode forged = post(server.endpoint(), callAsk(state + "x", answer(key, "Eve")));
      assertThat(forged.at("/error/code").asInt()).isEqualTo(-32602);
      // The retry with the answer resumes the upstream call, which completes with it.
      JsonNode done = post(server.endpoint(), callAsk(state, answer(key, "Ada")));
      assertThat(done.at("/result/resultType").asString()).isEqualTo("complete");
      assertThat(done.at("/result/content/0/text").asString()).isEqualTo("Hello, Ada");
      assertThat(upstream.outcomes).containsExactly("answered Ada");
      // The state was for one resumption: replayed, the call it continues is over.
      JsonNode replayed = post(server.endpoint(), callAsk(state, answer(key, "Ada")));
      assertThat(replayed.at("/error/code").asInt()).isEqualTo(-32602);
      // McpHttpClient at 2026-07-28 does the same round trip by itself.
      try (McpClient client = client2026(server.endpoint(), true)) {
        client.initialize();
        assertThat(client.callTool("ask", JSON.createObjectNode()).text()).contains("Hello, Ada");
      }
    }
  }

  @Test
  void aParkedCallNotResumedInTimeFailsUpstream() throws Exception {
    try (AskingUpstream upstream = new AskingUpstream();
        McpGateway gateway = upstream.gateway().inputTimeout(Duration.ofMillis(300)).build();
        McpHttpServer server = serve(gateway)) {
      JsonNode first = post(server.endpoint(), callAsk(null, null));
      String state = first.at("/result/requestState").asString();
      String key = first.at("/result/inputRequests").propertyNames().iterator().next();
      // Nobody retries: the upstream's request fails and its tool ends.
      await().atMost(Duration.ofSeconds(10)).until(() -> upstream.outcomes.contains("failed"));
      JsonNode late = post(server.endpoint(), callAsk(state, answer(key, "Ada")));
      assertThat(late.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(late.at("/error/message").asString()).contains("over");
    }
  }

  @Test
  void idleUpstreamSessionsAreClosedUpstream() throws Exception {
    try (AskingUpstream upstream = new AskingUpstream();
        McpGateway gateway =
            upstream.gateway().sessionlessUpstreams(4, Duration.ofMillis(300)).build();
        McpHttpServer server = serve(gateway)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closed.size() == 1); // the probe
      try (McpClient client = client2026(server.endpoint(), false)) {
        client.initialize();
        assertThat(client.listTools()).extracting(tool -> tool.name()).containsExactly("ask");
      }
      // Idle past its timeout, the session is swept: DELETE upstream.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(upstream.closed)
                      .containsExactly(CloseReason.CLIENT_REQUEST, CloseReason.CLIENT_REQUEST));
    }
  }

  @Test
  void withNoIdleSessionsEachIsClosedAfterItsRequest() throws Exception {
    try (AskingUpstream upstream = new AskingUpstream();
        McpGateway gateway =
            upstream.gateway().sessionlessUpstreams(0, Duration.ofMinutes(5)).build();
        McpHttpServer server = serve(gateway)) {
      try (McpClient client = client2026(server.endpoint(), false)) {
        client.initialize();
        client.listTools();
        client.listTools();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closed.size() == 3);
    }
  }

  @Test
  void rateLimitsCountSessionlessRequests() throws Exception {
    try (TestUpstream a = new TestUpstream("a", "alpha");
        McpGateway gateway =
            McpGateway.builder()
                .upstream(a.config().withProtocol(UpstreamConfig.Protocol.SESSIONS))
                .rateLimit(new RateLimit("*", "echo", 1, Duration.ofMinutes(1)))
                .build();
        McpHttpServer server = serve(gateway)) {
      ObjectNode call = toolsCall("echo", JSON.readTree("{\"text\":\"once\"}"), false);
      HttpResponse<String> first = send(server.endpoint(), call, "echo");
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).contains("a: once");
      HttpResponse<String> second = send(server.endpoint(), call, "echo");
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.headers().firstValue("Retry-After")).isPresent();
      assertThat(JSON.readTree(second.body()).at("/error/code").asInt()).isEqualTo(-32029);
    }
  }

  /** Serves the gateway on a free loopback port, started. */
  private static McpHttpServer serve(McpGateway gateway) {
    McpHttpServer server =
        McpHttpServer.builder().engine(gateway.engine()).host("127.0.0.1").port(0).build();
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** A 2026-07-28 {@code tools/call}, its client declaring elicitation or no capability at all. */
  private static ObjectNode toolsCall(String tool, JsonNode arguments, boolean elicitation) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", 7);
    request.put("method", "tools/call");
    ObjectNode params = request.putObject("params");
    params.put("name", tool);
    params.set("arguments", arguments);
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    ObjectNode capabilities = meta.putObject("io.modelcontextprotocol/clientCapabilities");
    if (elicitation) {
      capabilities.putObject("elicitation");
    }
    return request;
  }

  private static ObjectNode callAsk(String state, ObjectNode responses) {
    ObjectNode request = toolsCall("ask", JSON.createObjectNode(), true);
    ObjectNode params = (ObjectNode) request.get("params");
    if (state != null) {
      params.put("requestState", state);
    }
    if (responses != null) {
      params.set("inputResponses", responses);
    }
    return request;
  }

  private static ObjectNode answer(String key, String name) {
    ObjectNode responses = JSON.createObjectNode();
    ObjectNode answer = responses.putObject(key);
    answer.put("action", "accept");
    answer.putObject("content").put("name", name);
    return responses;
  }

  /** One 2026-07-28 {@code tools/call} POST of the named tool. */
  private static HttpResponse<String> send(URI endpoint, ObjectNode request, String tool)
      throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(endpoint)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json, text/event-stream")
              .header("MCP-Protocol-Version", "2026-07-28")
              .header("Mcp-Method", "tools/call")
              .header("Mcp-Name", tool)
              .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** One 2026-07-28 POST; the JSON-RPC answer, from a JSON body or the last SSE data line. */
  private static JsonNode post(URI endpoint, ObjectNode request) throws Exception {
    HttpResponse<String> response = send(endpoint, request, "ask");
    String body = response.body();
    if (body.startsWith("{")) {
      return JSON.readTree(body);
    }
    String last = null;
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        last = line.substring("data:".length()).trim();
      }
    }
    return JSON.readTree(last == null ? "{}" : last);
  }
}
