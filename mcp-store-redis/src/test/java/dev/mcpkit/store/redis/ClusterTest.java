package dev.mcpkit.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.jsonrpc.JsonRpcNotification;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Resource;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two mcpkit servers on two ports sharing one real redis-server, behind a non-sticky round-robin
 * balancer: one client talks to "the service" and lands on alternating nodes request by request.
 */
class ClusterTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SessionPolicy POLICY =
      SessionPolicy.builder().idleTimeout(Duration.ofMinutes(5)).build();

  private RedisServer redis;
  private final Node[] nodes = new Node[2];
  private RoundRobinProxy proxy;
  private McpClient client;
  private final List<String> notifications = new CopyOnWriteArrayList<>();

  /** One node: its own Redis connections, session manager, engine and HTTP server. */
  private record Node(
      RedisStores stores,
      SessionManager sessions,
      McpEngine engine,
      McpHttpServer server,
      OutboundCapture below) {
    void crash() {
      server.close(); // no manager shutdown: like a killed process, it leaves everything in Redis
      stores.close();
    }
  }

  private Node startNode() {
    RedisStores stores = RedisStores.builder(redis.uri()).policy(POLICY).build();
    SessionManager sessions =
        SessionManagers.builder().policy(POLICY).store(stores.sessionStore()).build();
    OutboundCapture below =
        new OutboundCapture(
            TransportEngine.of(
                McpEngines.builder(config(), sessions).events(stores.eventStore()).build()));
    McpEngine engine = stores.cluster(below);
    McpHttpServer server =
        McpHttpServer.builder().port(0).engine(engine).sseRetry(Duration.ofMillis(100)).build();
    server.start();
    return new Node(stores, sessions, engine, server, below);
  }

  private static McpServerConfig config() {
    ObjectNode schema = NODES.objectNode().put("type", "object");
    return McpServerConfig.builder()
        .serverInfo("cluster", "1.0")
        .resource(
            Resource.text(
                "test://board", "board", "A board that changes.", "text/plain", () -> "news"))
        .tool(
            Tool.of(
                "steps",
                "Reports three steps of progress.",
                schema,
                (args, ctx) -> {
                  for (int i = 1; i <= 3; i++) {
                    ctx.progress(i, 3.0, "step " + i);
                  }
                  return ToolResult.text("three steps");
                }))
        .tool(
            Tool.of(
                "ask",
                "Asks the client's model.",
                schema,
                (args, ctx) -> {
                  ObjectNode params = NODES.objectNode();
                  params
                      .putArray("messages")
                      .addObject()
                      .put("role", "user")
                      .putObject("content")
                      .put("type", "text")
                      .put("text", "say hi");
                  params.put("maxTokens", 10);
                  JsonNode answer =
                      ctx.request("sampling/createMessage", params, Duration.ofSeconds(20));
                  return ToolResult.text(
                      "model said " + answer.path("content").path("text").asString(""));
                }))
        .tool(
            Tool.of(
                "poll",
                "Closes its stream early, then reports more.",
                schema,
                (args, ctx) -> {
                  ctx.progress(1, 3.0, "before");
                  ctx.closeStream(); // the client resumes with GET + Last-Event-ID, on whichever
                  // node
                  ctx.progress(2, 3.0, "after");
                  ctx.progress(3, 3.0, "last");
                  return ToolResult.text("polled");
                }))
        .build();
  }

  @BeforeEach
  void start() throws Exception {
    redis = RedisServer.start();
    nodes[0] = startNode();
    nodes[1] = startNode();
    proxy = new RoundRobinProxy(List.of(nodes[0].server().port(), nodes[1].server().port()));
    client =
        McpHttpClient.builder(URI.create(proxy.endpoint()))
            .clientInfo("cluster-test", "1.0")
            .requestTimeout(Duration.ofSeconds(30))
            .onNotification(n -> notifications.add(n.method()))
            .onRequest(
                "sampling/createMessage",
                params -> {
                  ObjectNode result =
                      NODES.objectNode().put("role", "assistant").put("model", "test-model");
                  result.putObject("content").put("type", "text").put("text", "hi");
                  return result;
                })
            .build();
    client.initialize();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    proxy.close();
    for (Node node : nodes) {
      node.server().close();
      node.sessions().shutdown(Duration.ZERO);
      node.stores().close();
    }
    redis.close();
  }

  private static CallToolResult call(McpClient client, String tool, List<Double> progress) {
    return client.callTool(
        tool,
        NODES.objectNode(),
        RequestOptions.defaults()
            .withTimeout(Duration.ofSeconds(30))
            .withProgress(p -> progress.add(p.progress())));
  }

  @Test
  void aWholeConversationAlternatingBetweenNodesWithProgressAndSampling() {
    assertThat(client.listTools()).hasSize(3);
    List<Double> progress = new CopyOnWriteArrayList<>();
    assertThat(call(client, "steps", progress).text()).isEqualTo("three steps");
    assertThat(progress).containsExactly(1.0, 2.0, 3.0);
    for (int i = 0; i < 4; i++) {
      assertThat(call(client, "ask", new CopyOnWriteArrayList<>()).text())
          .isEqualTo("model said hi");
      client.ping();
    }

    assertThat(proxy.log).extracting(RoundRobinProxy.Forwarded::backend).contains(0, 1);
    assertThat(samplingAnswersOnAnotherNode())
        .as("a sampling answer POSTed to the node not running the tool")
        .isPositive();
  }

  /** How many client answers went to another node than the tools/call it answered. */
  private int samplingAnswersOnAnotherNode() {
    int crossed = 0;
    int callNode = -1;
    for (RoundRobinProxy.Forwarded f : proxy.log) {
      if (f.body().contains("\"tools/call\"") && f.body().contains("\"ask\"")) {
        callNode = f.backend();
      } else if (f.body().contains("\"result\"")
          && f.body().contains("test-model")
          && f.backend() != callNode) {
        crossed++;
      }
    }
    return crossed;
  }

  @Test
  void notificationsPublishedOnEitherNodeReachTheGetStreamWhereverItIs() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> proxy.log.stream().anyMatch(f -> f.requestLine().startsWith("GET")));
    // The GET reached a node, but the stream may not be attached yet there (nor its cross-node
    // delivery), and what is published before that is not delivered: wait until it is live.
    awaitStreamLiveFrom(0);
    awaitStreamLiveFrom(1);
    notifications.clear();
    // Subscribed through whichever node the balancer picks; updates published on both nodes.
    client.request(
        "resources/subscribe",
        NODES.objectNode().put("uri", "test://board"),
        RequestOptions.defaults());
    nodes[0].engine().notifications().resourceUpdated("test://board");
    nodes[1].engine().notifications().resourceUpdated("test://board");
    nodes[0].engine().notifications().promptListChanged();
    nodes[1].engine().notifications().resourceListChanged();

    await().atMost(Duration.ofSeconds(10)).until(() -> notifications.size() >= 4);
    assertThat(notifications)
        .containsExactlyInAnyOrder(
            "notifications/resources/updated",
            "notifications/resources/updated",
            "notifications/prompts/list_changed",
            "notifications/resources/list_changed");

    client.request(
        "resources/unsubscribe",
        NODES.objectNode().put("uri", "test://board"),
        RequestOptions.defaults());
    nodes[0].engine().notifications().resourceUpdated("test://board");
    nodes[1].engine().notifications().resourceUpdated("test://board");
    nodes[1]
        .engine()
        .notifications()
        .promptListChanged(); // a marker: everything before it has arrived
    await().atMost(Duration.ofSeconds(10)).until(() -> notifications.size() >= 5);
    assertThat(notifications.getLast()).isEqualTo("notifications/prompts/list_changed");
    assertThat(notifications).hasSize(5);
  }

  @Test
  void aMessageForOneSessionReachesItsGetStreamFromEitherNode() {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> proxy.log.stream().anyMatch(f -> f.requestLine().startsWith("GET")));
    awaitStreamLiveFrom(0);
    awaitStreamLiveFrom(1);
    String sessionId = client.sessionId().orElseThrow();
    // What a gateway's upstream sends outside any request arrives on the node holding that
    // upstream session, which need not be the node holding the client's GET stream.
    for (int i = 0; i < 2; i++) {
      Session session = TransportEngine.of(nodes[i].engine()).session(sessionId, null);
      assertThat(session).isNotNull();
      nodes[i]
          .below()
          .outbound()
          .send(
              session,
              new JsonRpcNotification(
                  "notifications/message",
                  NODES.objectNode().put("level", "info").put("data", "from node " + i)));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> count("notifications/message") >= 2);
    // A server notification runs on every node already: it is not forwarded a second time (a
    // forwarded copy would arrive within milliseconds of the first).
    int updates = count("notifications/resources/list_changed");
    nodes[0].engine().notifications().resourceListChanged();
    nodes[1].engine().notifications().resourceListChanged();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("notifications/resources/list_changed") >= updates + 2);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                count("notifications/resources/list_changed") == updates + 2
                    && count("notifications/message") == 2);
  }

  /**
   * Publishes {@code prompts/list_changed} on one node until one reaches the client, then fences:
   * one {@code resources/list_changed} from the same node, awaited. A node's notifications to a
   * stream arrive in order, so once the fence is in, no earlier one is still on its way.
   */
  private void awaitStreamLiveFrom(int node) {
    int prompts = count("notifications/prompts/list_changed");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              nodes[node].engine().notifications().promptListChanged();
              return count("notifications/prompts/list_changed") > prompts;
            });
    int resources = count("notifications/resources/list_changed");
    nodes[node].engine().notifications().resourceListChanged();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("notifications/resources/list_changed") > resources);
  }

  private int count(String method) {
    return (int) notifications.stream().filter(method::equals).count();
  }

  @Test
  void aStreamBrokenOnOneNodeResumesOnTheOtherWithNothingLostOrDuplicated() {
    for (int i = 0; i < 4; i++) {
      List<Double> progress = new CopyOnWriteArrayList<>();
      assertThat(call(client, "poll", progress).text()).isEqualTo("polled");
      assertThat(progress).containsExactly(1.0, 2.0, 3.0);
    }
    long resumedGets = proxy.log.stream().filter(f -> f.requestLine().startsWith("GET")).count();
    assertThat(resumedGets).isGreaterThanOrEqualTo(4);
    assertThat(proxy.log).extracting(RoundRobinProxy.Forwarded::backend).contains(0, 1);
  }

  @Test
  void aNodeKilledAndRestartedLosesNoSession() {
    assertThat(call(client, "steps", new CopyOnWriteArrayList<>()).text()).isEqualTo("three steps");
    nodes[0].crash();
    assertThat(call(client, "steps", new CopyOnWriteArrayList<>()).text())
        .isEqualTo("three steps"); // node 1 alone

    nodes[0] = startNode();
    proxy.replaceBackend(0, nodes[0].server().port());
    int before = proxy.log.size();
    for (int i = 0; i < 4; i++) {
      assertThat(call(client, "ask", new CopyOnWriteArrayList<>()).text())
          .isEqualTo("model said hi");
    }
    assertThat(proxy.log.subList(before, proxy.log.size()))
        .extracting(RoundRobinProxy.Forwarded::backend)
        .contains(0, 1);
    assertThat(client.sessionId()).isPresent();
  }

  @Test
  void whileRedisIsDownAnInitializeGets503WithRetryAfterAndAJsonRpcError() throws Exception {
    redis.stop();
    String answer;
    try {
      answer =
          rawPost(
              nodes[0].server().port(),
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                  + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                  + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    } finally {
      redis.restart();
    }
    assertThat(answer).startsWith("HTTP/1.1 503 ");
    assertThat(answer.toLowerCase(java.util.Locale.ROOT)).contains("retry-after: 1");
    String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    JsonNode error = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    assertThat(error.path("jsonrpc").asString()).isEqualTo("2.0");
    assertThat(error.path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(error.path("error").path("message").asString()).contains("Service Unavailable");
    assertThat(body).doesNotContain("Exception").doesNotContain("at dev.");
  }

  /** One HTTP/1.1 POST to the MCP endpoint on a raw socket; returns the whole answer. */
  private static String rawPost(int port, String json) throws java.io.IOException {
    byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket =
        new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      String head =
          "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\n"
              + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(body);
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void whileRedisIsDownRequestsFailWith503AndTheClusterRecoversByItself() {
    String session = client.sessionId().orElseThrow();
    redis.stop();
    try {
      assertThatThrownBy(() -> call(client, "steps", new CopyOnWriteArrayList<>()))
          .hasMessageContaining("503");
    } finally {
      redis.restart();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> call(client, "steps", new CopyOnWriteArrayList<>()).text().equals("three steps"));
    assertThat(client.sessionId()).contains(session);
  }
}
