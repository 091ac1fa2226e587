package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.gateway.McpGateway;
import dev.mcpkit.gateway.UpstreamConfig;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sessionless (2026-07-28) clients of a gateway cluster: gateway nodes on one real {@code
 * redis-server}, in front of session-based upstreams whose tools elicit (the everything server with
 * sessions only, and a small asking server that records how its call ended). An upstream call
 * parked on one node is resumed by a retry sent to another: the answer travels to the node that
 * holds the call and its result back. A retry for a call whose node is gone, or whose call timed
 * out, gets a clear JSON-RPC error at once.
 *
 * <p>The nodes run in this JVM, each a whole {@link McpGateway} with its own Redis connections,
 * engine, HTTP server, upstream clients and parked calls: they share nothing but Redis and the
 * {@code requestState} key (a cluster's nodes must share it, and the example's command line has no
 * option for it, so child JVMs could not verify each other's states). A node that is gone is one
 * closed: its Redis connections close as a dead process's do.
 */
class GatewaySessionlessClusterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] STATE_KEY = new byte[32];
  private static final Duration BOUND = Duration.ofSeconds(5);

  /** How long the asking server's tool waits for the client: short, as its node may vanish. */
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(3);

  static {
    Arrays.fill(STATE_KEY, (byte) 7);
  }

  private static RedisProcess redis;
  private static EverythingServer everything;
  private static AskingServer asking;
  private static Gateway nodeA;
  private static Gateway nodeB;
  private static Gateway quick;

  @BeforeAll
  static void startTheCluster() {
    redis = RedisProcess.start();
    everything = EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.SESSIONS));
    asking = new AskingServer();
    nodeA = node(UpstreamConfig.http("everything", everything.endpoint()), null);
    nodeB = node(UpstreamConfig.http("everything", everything.endpoint()), null);
    quick = node(UpstreamConfig.http("asking", asking.server.endpoint()), Duration.ofMillis(300));
  }

  private static Gateway node(UpstreamConfig upstream, @Nullable Duration inputTimeout) {
    McpGateway.Builder builder =
        McpGateway.builder()
            .upstream(upstream.withProtocol(UpstreamConfig.Protocol.SESSIONS))
            .redis(redis.uri())
            .requestStateKey(STATE_KEY);
    if (inputTimeout != null) {
      builder.inputTimeout(inputTimeout);
    }
    return Gateway.start(builder.build(), "127.0.0.1", 0);
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    for (Gateway node : new Gateway[] {nodeA, nodeB, quick}) {
      if (node != null) {
        node.close();
      }
    }
    if (asking != null) {
      asking.server.close();
    }
    if (everything != null) {
      everything.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void aCallParkedOnOneNodeIsResumedByARetryToAnother() throws Exception {
    JsonNode first = post(nodeA.endpoint(), elicit(null, null));
    JsonNode asked = first.path("result");
    assertThat(asked.path("resultType").asString())
        .as(first.toString())
        .isEqualTo("input_required");
    String key = asked.path("inputRequests").propertyNames().iterator().next();
    assertThat(asked.at("/inputRequests/" + key + "/method").asString())
        .isEqualTo("elicitation/create");
    String state = asked.path("requestState").asString();

    JsonNode done = post(nodeB.endpoint(), elicit(state, answer(key)));
    assertThat(done.at("/result/resultType").asString()).as(done.toString()).isEqualTo("complete");
    assertThat(done.at("/result/content/0/text").asString())
        .isEqualTo(
            "User response: action=accept, content={\"username\":\"ada\",\"email\":\"a@b.c\"}");

    // Resumed once: the same state again, through either node, finds the call over.
    for (Gateway node : List.of(nodeB, nodeA)) {
      JsonNode again = post(node.endpoint(), elicit(state, answer(key)));
      assertThat(again.at("/error/code").asInt()).as(again.toString()).isEqualTo(-32602);
      assertThat(again.at("/error/message").asString()).contains("over");
    }
  }

  @Test
  @Order(2)
  void aRetryForACallThatTimedOutOnItsNodeGetsAClearError() throws Exception {
    long failedBefore = failed();
    JsonNode first = post(quick.endpoint(), ask(null, null));
    String state = first.at("/result/requestState").asString();
    String key = first.at("/result/inputRequests").propertyNames().iterator().next();
    // Nobody retries in time: the node holding the call fails the upstream's request.
    await().atMost(Duration.ofSeconds(10)).until(() -> failed() > failedBefore);

    long start = System.nanoTime();
    JsonNode late = post(nodeB.endpoint(), ask(state, answer(key)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    assertThat(late.at("/error/code").asInt()).as(late.toString()).isEqualTo(-32602);
    assertThat(late.at("/error/message").asString()).contains("over");
  }

  @Test
  @Order(3)
  void aRetryForACallWhoseNodeIsGoneGetsAClearError() throws Exception {
    long failedBefore = failed();
    Gateway doomed = node(UpstreamConfig.http("asking", asking.server.endpoint()), null);
    JsonNode first;
    try {
      first = post(doomed.endpoint(), ask(null, null));
      assertThat(first.at("/result/resultType").asString()).isEqualTo("input_required");
    } finally {
      doomed.close();
    }
    String state = first.at("/result/requestState").asString();
    String key = first.at("/result/inputRequests").propertyNames().iterator().next();

    long start = System.nanoTime();
    JsonNode orphan = post(nodeB.endpoint(), ask(state, answer(key)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    assertThat(orphan.at("/error/code").asInt()).as(orphan.toString()).isEqualTo(-32602);
    assertThat(orphan.at("/error/message").asString()).contains("gone");
    // A node that is gone tells its upstream nothing more: the upstream's own timeout ends the
    // tool (as after a kill -9), before the upstream server is stopped.
    await().atMost(Duration.ofSeconds(20)).until(() -> failed() > failedBefore);
  }

  private static long failed() {
    return asking.outcomes.stream().filter("failed"::equals).count();
  }

  @Test
  @Order(4)
  void duringARedisOutageARetryIsToldToComeBackAndTheCallWaitsForIt() throws Exception {
    JsonNode first = post(nodeA.endpoint(), elicit(null, null));
    String state = first.at("/result/requestState").asString();
    String key = first.at("/result/inputRequests").propertyNames().iterator().next();

    redis.stop();
    try {
      JsonNode refused = post(nodeB.endpoint(), elicit(state, answer(key)));
      assertThat(refused.at("/error/code").asInt()).as(refused.toString()).isEqualTo(-32603);
      assertThat(refused.at("/error/message").asString()).startsWith("Service Unavailable:");
    } finally {
      redis.restart();
    }
    // The call stayed parked on node A: once every node listens on Redis again, the retry
    // resumes it.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> nodeChannels() == 3);
    JsonNode done = post(nodeB.endpoint(), elicit(state, answer(key)));
    assertThat(done.at("/result/resultType").asString()).as(done.toString()).isEqualTo("complete");
  }

  /** How many gateway nodes listen on their Redis channel now ({@code PUBSUB CHANNELS}). */
  private static int nodeChannels() throws Exception {
    int port = URI.create(redis.uri()).getPort();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket
          .getOutputStream()
          .write("PUBSUB CHANNELS mcpkit:c:gateway-node:*\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader reply =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String header = reply.readLine(); // "*<count>"
      assertThat(header).startsWith("*");
      return Integer.parseInt(header.substring(1));
    }
  }

  // ---- the client: raw 2026-07-28 HTTP ----------------------------------------------------

  private static ObjectNode elicit(@Nullable String state, @Nullable ObjectNode responses) {
    ObjectNode arguments = JSON.createObjectNode().put("message", "Who are you?");
    return call("test_elicitation", arguments, state, responses);
  }

  private static ObjectNode ask(@Nullable String state, @Nullable ObjectNode responses) {
    return call("ask", JSON.createObjectNode(), state, responses);
  }

  private static ObjectNode call(
      String tool, ObjectNode arguments, @Nullable String state, @Nullable ObjectNode responses) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", 7);
    request.put("method", "tools/call");
    ObjectNode params = request.putObject("params");
    params.put("name", tool);
    params.set("arguments", arguments);
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", "2026-07-28");
    meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
    if (state != null) {
      params.put("requestState", state);
    }
    if (responses != null) {
      params.set("inputResponses", responses);
    }
    return request;
  }

  private static ObjectNode answer(String key) {
    ObjectNode responses = JSON.createObjectNode();
    ObjectNode answer = responses.putObject(key);
    answer.put("action", "accept");
    answer.putObject("content").put("username", "ada").put("email", "a@b.c");
    return responses;
  }

  /** One 2026-07-28 POST; the JSON-RPC answer, from a JSON body or the last SSE data line. */
  private static JsonNode post(URI endpoint, ObjectNode request) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .header("Accept", "application/json, text/event-stream")
                  .header("MCP-Protocol-Version", "2026-07-28")
                  .header("Mcp-Method", "tools/call")
                  .header("Mcp-Name", request.at("/params/name").asString())
                  .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
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

  /** A session-based server whose one tool asks the client's name and records how it ended. */
  private static final class AskingServer {
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final McpHttpServer server;

    AskingServer() {
      ObjectNode schema = JSON.createObjectNode().put("type", "object");
      McpServerConfig config =
          McpServerConfig.builder()
              .serverInfo("asking", "1.0.0")
              .tool(
                  Tool.of(
                      "ask",
                      "Asks the client's name.",
                      schema,
                      (arguments, ctx) -> {
                        ObjectNode params = JSON.createObjectNode();
                        params.put("message", "Your name?");
                        params
                            .putObject("requestedSchema")
                            .put("type", "object")
                            .putObject("properties")
                            .putObject("username")
                            .put("type", "string");
                        try {
                          JsonNode answer = ctx.request("elicitation/create", params, TOOL_TIMEOUT);
                          outcomes.add("answered");
                          return ToolResult.text(
                              "Hello, " + answer.at("/content/username").asString("?"));
                        } catch (Exception e) {
                          outcomes.add("failed");
                          return ToolResult.error("no answer");
                        }
                      }))
              .build();
      this.server =
          McpHttpServer.builder()
              .engine(
                  McpEngines.create(config, dev.mcpkit.session.SessionManagers.builder().build()))
              .host("127.0.0.1")
              .port(0)
              .build();
      server.start();
    }
  }
}
