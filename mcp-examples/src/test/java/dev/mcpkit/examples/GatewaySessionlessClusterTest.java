package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolContext;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySessionlessClusterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final byte[] STATE_KEY = new byte[32];
  private static final Duration BOUND = Duration.ofSeconds(5);

  /**
   * How long a node waits for the next word of the node resuming its retry: long, so that what ends
   * a forwarded retry here is what the test does (a node stops, a client goes), never this bound;
   * the node resuming it says it is still there every second.
   */
  private static final Duration SILENCE = Duration.ofSeconds(60);

  /** How long the asking server's tool waits for the client: short, as its node may vanish. */
  private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(3);

  static {
    Arrays.fill(STATE_KEY, (byte) 7);
  }

  private static RedisProcess redis;
  private static EverythingServer everything;
  private static AskingServer asking;
  private static Node nodeA;
  private static Node nodeB;
  private static Node quick;
  private static Node nodeC;

  @BeforeAll
  static void startTheCluster() {
    redis = RedisProcess.start();
    everything = EverythingServer.start("127.0.0.1", 0, Set.of(McpEngines.Generation.SESSIONS));
    asking = new AskingServer();
    nodeA = node(UpstreamConfig.http("everything", everything.endpoint()), null);
    nodeB = node(UpstreamConfig.http("everything", everything.endpoint()), null);
    quick = node(UpstreamConfig.http("asking", asking.server.endpoint()), Duration.ofMillis(300));
    nodeC = node(UpstreamConfig.http("asking", asking.server.endpoint()), null);
  }

  private static Node node(UpstreamConfig upstream, @Nullable Duration inputTimeout) {
    McpGateway.Builder builder =
        McpGateway.builder()
            .upstream(upstream.withProtocol(UpstreamConfig.Protocol.SESSIONS))
            .redis(redis.uri())
            .requestStateKey(STATE_KEY)
            .forwardedRetries(Duration.ofSeconds(1), SILENCE);
    if (inputTimeout != null) {
      builder.inputTimeout(inputTimeout);
    }
    return Node.start(builder.build());
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    for (Node node : new Node[] {nodeA, nodeB, quick, nodeC}) {
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
    for (Node node : List.of(nodeB, nodeA)) {
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
    Node doomed = node(UpstreamConfig.http("asking", asking.server.endpoint()), null);
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
    return asking.count("failed");
  }

  @Test
  @Order(4)
  void aNodeThatStopsDuringAForwardedResumeEndsTheRetryWithAClearError() throws Exception {
    long workingBefore = asking.count("working");
    Node doomed = node(UpstreamConfig.http("asking", asking.server.endpoint()), null);
    boolean stopped = false;
    try {
      JsonNode first = post(doomed.endpoint(), work("a", null, null, null));
      assertThat(first.at("/result/resultType").asString())
          .as(first.toString())
          .isEqualTo("input_required");
      String state = first.at("/result/requestState").asString();
      String key = first.at("/result/inputRequests").propertyNames().iterator().next();

      // The retry reaches node B, which forwards it to the doomed node; the call works there.
      CompletableFuture<JsonNode> retry =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return post(nodeB.endpoint(), work("a", state, answer(key), null));
                } catch (Exception e) {
                  throw new CompletionException(e);
                }
              });
      await().atMost(BOUND).until(() -> asking.count("working") > workingBefore);

      long start = System.nanoTime();
      doomed.close();
      stopped = true;
      JsonNode ended = retry.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
      assertThat(ended.at("/error/code").asInt()).as(ended.toString()).isEqualTo(-32603);
      assertThat(ended.at("/error/message").asString())
          .isEqualTo("the gateway node that holds the call is stopping; start the request over");
    } finally {
      if (!stopped) {
        doomed.close();
      }
    }
    // What the node that stopped tells its upstream is best effort (its clients close as it
    // stops); the upstream's own timeout ends the tool at the latest, as after a kill -9.
    asking.release("a");
  }

  @Test
  @Order(5)
  void theProgressOfAForwardedResumeReachesTheClientThroughItsNode() throws Exception {
    JsonNode first = post(nodeC.endpoint(), work("c", null, null, "first"));
    String state = first.at("/result/requestState").asString();
    String key = first.at("/result/inputRequests").propertyNames().iterator().next();

    try (Stream2026 stream =
        Stream2026.open(nodeB.endpoint(), work("c", state, answer(key), "p-1"))) {
      JsonNode progress = stream.next();
      assertThat(progress.path("method").asString())
          .as(progress.toString())
          .isEqualTo("notifications/progress");
      assertThat(progress.at("/params/progressToken").asString()).isEqualTo("p-1");
      assertThat(progress.at("/params/progress").asDouble()).isEqualTo(1.0);
      assertThat(progress.at("/params/total").asDouble()).isEqualTo(2.0);
      assertThat(progress.at("/params/message").asString()).isEqualTo("Hello, ada");

      asking.release("c"); // the tool finishes: its result follows on the same stream
      JsonNode done = stream.next();
      assertThat(done.at("/result/content/0/text").asString())
          .as(done.toString())
          .isEqualTo("worked for ada");
    }
  }

  @Test
  @Order(6)
  void aClientThatClosesAForwardedRetryCancelsTheUpstreamCallOnTheParkingNode() throws Exception {
    long cancelledBefore = asking.count("cancelled");
    JsonNode first = post(nodeC.endpoint(), work("b", null, null, "first"));
    String state = first.at("/result/requestState").asString();
    String key = first.at("/result/inputRequests").propertyNames().iterator().next();

    try (Stream2026 stream =
        Stream2026.open(nodeB.endpoint(), work("b", state, answer(key), "p-2"))) {
      // The forwarded resume runs on node C (its progress came through): now the client goes.
      assertThat(stream.next().path("method").asString()).isEqualTo("notifications/progress");
    }
    // Closing its stream is how a sessionless client cancels: node B sees it at its next write
    // (an SSE keep-alive), tells node C, which cancels the upstream call (the tool would
    // otherwise wait a minute for its release).
    await().atMost(BOUND).until(() -> asking.count("cancelled") > cancelledBefore);
  }

  @Test
  @Order(7)
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
        .until(() -> nodeChannels() == 4);
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

  /** A call of {@code work}; the tag names the call, for the test to release it. */
  private static ObjectNode work(
      String tag,
      @Nullable String state,
      @Nullable ObjectNode responses,
      @Nullable String progressToken) {
    ObjectNode request = call("work", JSON.createObjectNode().put("tag", tag), state, responses);
    if (progressToken != null) {
      request
          .withObjectProperty("params")
          .withObjectProperty("_meta")
          .put("progressToken", progressToken);
    }
    return request;
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

  /** A 2026-07-28 POST of a {@code tools/call}. */
  private static HttpRequest request(URI endpoint, ObjectNode call) {
    return HttpRequest.newBuilder(endpoint)
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", "2026-07-28")
        .header("Mcp-Method", "tools/call")
        .header("Mcp-Name", call.at("/params/name").asString())
        .POST(HttpRequest.BodyPublishers.ofString(call.toString()))
        .build();
  }

  /** One 2026-07-28 POST; the JSON-RPC answer, from a JSON body or the last SSE data line. */
  private static JsonNode post(URI endpoint, ObjectNode request) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String body =
          http.send(request(endpoint, request), HttpResponse.BodyHandlers.ofString()).body();
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

  /**
   * A gateway node: the gateway and its HTTP server, which sends an SSE keep-alive after 200 ms of
   * silence (the default is 15 s), so that a client that closes its stream is seen at once.
   */
  private record Node(McpGateway gateway, McpHttpServer server) implements AutoCloseable {
    static Node start(McpGateway gateway) {
      McpHttpServer server =
          McpHttpServer.builder()
              .engine(gateway.engine())
              .host("127.0.0.1")
              .port(0)
              .keepAlive(Duration.ofMillis(200))
              .build();
      server.start();
      return new Node(gateway, server);
    }

    URI endpoint() {
      return server.endpoint();
    }

    @Override
    public void close() {
      server.close();
      gateway.close();
    }
  }

  /**
   * A 2026-07-28 POST whose SSE answer is read message by message as the gateway writes it; closing
   * it closes the stream, which is how a sessionless client cancels its request.
   */
  private static final class Stream2026 implements AutoCloseable {
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final HttpResponse<java.util.stream.Stream<String>> response;

    private Stream2026(URI endpoint, ObjectNode call) throws Exception {
      this.response =
          http.sendAsync(request(endpoint, call), HttpResponse.BodyHandlers.ofLines())
              .get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/event-stream");
      Thread.ofVirtual()
          .start(
              () -> {
                try (java.util.stream.Stream<String> lines = response.body()) {
                  lines
                      .filter(line -> line.startsWith("data:"))
                      .map(line -> JSON.readTree(line.substring("data:".length()).trim()))
                      .forEach(messages::add);
                } catch (RuntimeException e) {
                  // closed by the test, or the connection broke: no more messages
                }
              });
    }

    static Stream2026 open(URI endpoint, ObjectNode call) throws Exception {
      return new Stream2026(endpoint, call);
    }

    /** The next JSON-RPC message of the stream; fails if none comes within the bound. */
    JsonNode next() throws InterruptedException {
      JsonNode message = messages.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(message).as("a message within " + BOUND).isNotNull();
      return message;
    }

    @Override
    public void close() {
      response.body().close();
      http.shutdownNow();
    }
  }

  /**
   * A session-based server whose tools ask the client's name and record how they ended: {@code ask}
   * answers at once; {@code work} then reports progress and works until released or cancelled.
   */
  private static final class AskingServer {
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> releases = new ConcurrentHashMap<>();
    final McpHttpServer server;

    long count(String outcome) {
      return outcomes.stream().filter(outcome::equals).count();
    }

    /** Lets the {@code work} call of this tag finish. */
    void release(String tag) {
      latch(tag).countDown();
    }

    private CountDownLatch latch(String tag) {
      return releases.computeIfAbsent(tag, t -> new CountDownLatch(1));
    }

    private static ObjectNode nameQuestion() {
      ObjectNode params = JSON.createObjectNode();
      params.put("message", "Your name?");
      params
          .putObject("requestedSchema")
          .put("type", "object")
          .putObject("properties")
          .putObject("username")
          .put("type", "string");
      return params;
    }

    private ToolResult work(String tag, ToolContext ctx) {
      String name;
      try {
        name =
            ctx.request("elicitation/create", nameQuestion(), TOOL_TIMEOUT)
                .at("/content/username")
                .asString("?");
      } catch (Exception e) {
        outcomes.add("failed");
        return ToolResult.error("no answer");
      }
      ctx.progress(1, 2, "Hello, " + name);
      outcomes.add("working");
      try {
        if (!latch(tag).await(60, TimeUnit.SECONDS)) {
          outcomes.add("unreleased");
          return ToolResult.error("not released");
        }
      } catch (InterruptedException e) {
        outcomes.add("cancelled");
        Thread.currentThread().interrupt();
        return ToolResult.error("cancelled");
      }
      return ToolResult.text("worked for " + name);
    }

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
                        try {
                          JsonNode answer =
                              ctx.request("elicitation/create", nameQuestion(), TOOL_TIMEOUT);
                          outcomes.add("answered");
                          return ToolResult.text(
                              "Hello, " + answer.at("/content/username").asString("?"));
                        } catch (Exception e) {
                          outcomes.add("failed");
                          return ToolResult.error("no answer");
                        }
                      }))
              .tool(
                  Tool.of(
                      "work",
                      "Asks the client's name, then works.",
                      schema,
                      (arguments, ctx) -> work(arguments.path("tag").asString(""), ctx)))
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
