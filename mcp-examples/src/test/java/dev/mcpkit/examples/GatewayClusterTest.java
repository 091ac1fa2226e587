package dev.mcpkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpkit.api.SessionState;
import dev.mcpkit.api.spi.SessionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three gateway nodes ({@code Gateway.main} in child JVMs, {@code --redis}) on one real {@code
 * redis-server}, in front of the everything server, with no sticky routing: each request of a
 * client goes to another node. Any node serves any client session and resumes the upstream session
 * another node opened (the upstream sees one session per client session); the stream that carries
 * an upstream's sampling request is resumed on a second node and the request answered through a
 * third; a node killed with {@code kill -9} loses neither the client session nor its upstream
 * session; while Redis is down a node answers 503, never 404, and serves again once Redis is back.
 * The tests run in order: the last two kill a node and stop Redis.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayClusterTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String VERSION = "2025-11-25";
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** What the upstream saw: each of its sessions' lifecycle. */
  private static final List<SessionEvent> UPSTREAM_EVENTS = new CopyOnWriteArrayList<>();

  private static final AtomicInteger IDS = new AtomicInteger(100);

  private static RedisProcess redis;
  private static EverythingServer upstream;
  private static final List<Node> NODES = new ArrayList<>();

  /** One gateway node: a child JVM and the endpoint it printed. */
  private record Node(Process process, URI endpoint, Path log) {}

  @BeforeAll
  static void startTheCluster() throws Exception {
    redis = RedisProcess.start();
    upstream = EverythingServer.start("127.0.0.1", 0, UPSTREAM_EVENTS::add);
    // One after the other: three JVMs starting at once on a busy host starve each other.
    for (int i = 0; i < 3; i++) {
      Path log = Files.createTempFile("gateway-node-" + i + "-", ".log");
      Process process = launch(log);
      NODES.add(new Node(process, endpointOf(process, log), log));
    }
  }

  private static Process launch(Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String modulePath = System.getProperty("jdk.module.path");
    assertThat(modulePath).as("tests run on the module path").isNotBlank();
    List<String> command =
        new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
    command.addAll(List.of("-p", modulePath));
    // Surefire leaves the jars no named module requires (Reactor, which Lettuce uses) on the class
    // path; the automatic module of Lettuce reads them there.
    String classPath = System.getProperty("java.class.path");
    if (classPath != null && !classPath.isBlank()) {
      command.addAll(List.of("-cp", classPath));
    }
    command.addAll(
        List.of(
            "-m",
            "dev.mcpkit.examples/dev.mcpkit.examples.Gateway",
            "--upstream",
            "everything=" + upstream.endpoint(),
            "--redis",
            redis.uri(),
            "--port",
            "0"));
    return new ProcessBuilder(command).redirectError(log.toFile()).start();
  }

  /** Waits for the node's {@code MCP endpoint:} line. */
  private static URI endpointOf(Process process, Path log) throws Exception {
    CompletableFuture<String> line = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                  if (l.startsWith("MCP endpoint: ")) {
                    line.complete(l.substring("MCP endpoint: ".length()));
                  }
                }
                line.completeExceptionally(new IOException("no endpoint line"));
              } catch (IOException e) {
                line.completeExceptionally(e);
              }
            });
    try {
      return URI.create(line.get(120, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new AssertionError("the node did not start: " + Files.readString(log), e);
    }
  }

  @AfterAll
  static void stopTheCluster() throws Exception {
    for (Node node : NODES) {
      node.process().destroy();
    }
    for (Node node : NODES) {
      if (!node.process().waitFor(20, TimeUnit.SECONDS)) {
        node.process().destroyForcibly();
      }
      Files.deleteIfExists(node.log());
    }
    if (upstream != null) {
      upstream.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void anyNodeServesAnySessionOverOneUpstreamSession() throws Exception {
    long opened = upstreamSessionsOpened();
    long closed = upstreamSessionsClosed();
    String session = initialize(node(0), false);
    assertThat(notifyInitialized(node(1), session)).isEqualTo(202);
    Answer tools = post(node(2), session, request("tools/list", "{}"));
    assertThat(tools.status()).isEqualTo(200);
    assertThat(tools.result().path("tools").toString()).contains("test_simple_text");
    for (int i = 0; i < 6; i++) {
      Answer call = post(node(i % 3), session, callTool("test_simple_text", "{}"));
      assertThat(call.status()).as("call %d on node %d", i, i % 3).isEqualTo(200);
      assertThat(call.result().path("content").path(0).path("text").asString())
          .isEqualTo("This is a simple text response for testing.");
    }
    assertThat(upstreamSessionsOpened() - opened)
        .as("every node resumed the one upstream session the first one opened")
        .isEqualTo(1);
    assertThat(upstreamSessionsClosed()).isEqualTo(closed);
  }

  @Test
  @Order(2)
  void anUpstreamsSamplingRequestIsResumedOnAnotherNodeAndAnsweredThroughAThird() throws Exception {
    String session = initialize(node(0), true);
    assertThat(notifyInitialized(node(1), session)).isEqualTo(202);
    int callId = IDS.incrementAndGet();
    HttpRequest call =
        exchange(node(2), session)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    message(
                        callId,
                        "tools/call",
                        "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"hi\"}}")))
            .build();
    HttpResponse<Stream<String>> stream =
        HTTP.sendAsync(call, HttpResponse.BodyHandlers.ofLines())
            .get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    BlockingQueue<SseEvent> events = events(stream.body());
    SseEvent priming = events.poll(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(priming).isNotNull();
    assertThat(priming.id()).as("the priming event of a resumable stream").isNotNull();
    SseEvent sampling =
        next(events, e -> e.data().path("method").asString("").equals("sampling/createMessage"));

    // The client resumes the stream on another node, as after a broken connection: that node
    // replays what the node running the call stored in Redis.
    HttpRequest resume =
        exchange(node(1), session)
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", priming.id())
            .GET()
            .build();
    HttpResponse<Stream<String>> resumed =
        HTTP.sendAsync(resume, HttpResponse.BodyHandlers.ofLines())
            .get(ANSWER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(resumed.statusCode()).isEqualTo(200);
    SseEvent replayed =
        next(
            events(resumed.body()),
            e -> e.data().path("method").asString("").equals("sampling/createMessage"));
    assertThat(replayed).isEqualTo(sampling);

    // And answers the upstream's request through a third node.
    String answer =
        "{\"jsonrpc\":\"2.0\",\"id\":"
            + replayed.data().get("id")
            + ",\"result\":{\"role\":\"assistant\",\"model\":\"test\",\"stopReason\":\"endTurn\","
            + "\"content\":{\"type\":\"text\",\"text\":\"answered through node 0\"}}}";
    assertThat(post(node(0), session, answer).status()).isEqualTo(202);

    SseEvent result = next(events, e -> e.data().path("id").asInt(-1) == callId);
    assertThat(result.data().path("result").path("content").path(0).path("text").asString())
        .isEqualTo("LLM response: answered through node 0");
  }

  @Test
  @Order(3)
  void aNodeKilledWithKill9LosesNeitherTheClientSessionNorItsUpstreamSession() throws Exception {
    String session = initialize(node(0), false);
    assertThat(notifyInitialized(node(0), session)).isEqualTo(202);
    assertThat(post(node(0), session, callTool("test_simple_text", "{}")).status()).isEqualTo(200);
    long opened = upstreamSessionsOpened();
    long closed = upstreamSessionsClosed();

    Process killed = node(0).process();
    killed.destroyForcibly(); // SIGKILL: no shutdown hook, no DELETE, nothing flushed
    assertThat(killed.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(killed.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);

    for (int i = 1; i <= 4; i++) {
      Answer call = post(node(1 + i % 2), session, callTool("test_simple_text", "{}"));
      assertThat(call.status()).as("call %d", i).isEqualTo(200);
      assertThat(call.result().path("content").path(0).path("text").asString())
          .isEqualTo("This is a simple text response for testing.");
    }
    assertThat(upstreamSessionsOpened())
        .as("the survivors resumed the dead node's upstream session")
        .isEqualTo(opened);
    assertThat(upstreamSessionsClosed()).isEqualTo(closed);
  }

  @Test
  @Order(4)
  void aRedisOutageIsAnswered503NeverSessionNotFoundAndTheClusterRecovers() throws Exception {
    String session = initialize(node(1), false);
    assertThat(notifyInitialized(node(1), session)).isEqualTo(202);
    assertThat(post(node(1), session, callTool("test_simple_text", "{}")).status()).isEqualTo(200);
    long opened = upstreamSessionsOpened();

    redis.stop();
    try {
      Answer fresh = post(node(2), null, initializeMessage(false));
      assertThat(fresh.status()).as("a new session needs Redis").isEqualTo(503);
      assertThat(fresh.headers().firstValue("Retry-After")).isPresent();
      assertUnavailable(fresh);

      Answer unknown =
          post(node(2), "AAAAAAAAAAAAAAAAAAAAAAAA", callTool("test_simple_text", "{}"));
      assertThat(unknown.status())
          .as("a session a node does not hold may exist: 503, never 'not found'")
          .isEqualTo(503);
      assertUnavailable(unknown);

      // This node holds a copy (the handshake's end is mirrored to every node) but has not
      // resumed the upstream session: it needs the shared record for that.
      Answer elsewhere = post(node(2), session, callTool("test_simple_text", "{}"));
      assertThat(elsewhere.status()).isNotEqualTo(404);
      assertUnavailable(elsewhere);

      Answer holder = post(node(1), session, callTool("test_simple_text", "{}"));
      assertThat(holder.status()).as("the node that holds the upstream session").isEqualTo(200);
      assertThat(holder.result().path("content").path(0).path("text").asString())
          .isEqualTo("This is a simple text response for testing.");
    } finally {
      redis.restart();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> post(node(2), session, callTool("test_simple_text", "{}")).status() == 200);
    Answer after = post(node(2), session, callTool("test_simple_text", "{}"));
    assertThat(after.result().path("content").path(0).path("text").asString())
        .isEqualTo("This is a simple text response for testing.");
    assertThat(upstreamSessionsOpened()).isEqualTo(opened);
    String again = initialize(node(2), false);
    assertThat(notifyInitialized(node(1), again)).isEqualTo(202);
  }

  /** 503, or (from a node that holds the session) a JSON-RPC error that says the same. */
  private static void assertUnavailable(Answer answer) {
    assertThat(answer.status()).isIn(200, 503);
    assertThat(answer.json().path("error").path("code").asInt()).isEqualTo(-32603);
    assertThat(answer.json().path("error").path("message").asString())
        .startsWith("Service Unavailable:");
  }

  // ---- the client: plain HTTP ----------------------------------------------------------------

  private record Answer(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      if (headers.firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
        JsonNode last = null;
        for (String line : body.split("\n")) {
          if (line.startsWith("data:")) {
            last = JSON.readTree(line.substring(5).trim());
          }
        }
        return last == null ? JSON.createObjectNode() : last;
      }
      return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    JsonNode result() {
      JsonNode json = json();
      assertThat(json.has("result")).as("a result: %s", body).isTrue();
      return json.get("result");
    }
  }

  private record SseEvent(@Nullable String id, JsonNode data) {}

  private static Node node(int i) {
    return NODES.get(i);
  }

  private static HttpRequest.Builder exchange(Node node, @Nullable String session) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(node.endpoint())
            .timeout(ANSWER_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream");
    if (session != null) {
      builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", VERSION);
    }
    return builder;
  }

  private static Answer post(Node node, @Nullable String session, String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            exchange(node, session).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  private static String initialize(Node node, boolean sampling) throws Exception {
    Answer answer = post(node, null, initializeMessage(sampling));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.result().path("protocolVersion").asString()).isEqualTo(VERSION);
    return answer.headers().firstValue("Mcp-Session-Id").orElseThrow();
  }

  private static String initializeMessage(boolean sampling) {
    return message(
        IDS.incrementAndGet(),
        "initialize",
        "{\"protocolVersion\":\""
            + VERSION
            + "\",\"capabilities\":"
            + (sampling ? "{\"sampling\":{}}" : "{}")
            + ",\"clientInfo\":{\"name\":\"cluster-test\",\"version\":\"1\"}}");
  }

  private static int notifyInitialized(Node node, String session) throws Exception {
    return post(node, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
        .status();
  }

  private static String request(String method, String params) {
    return message(IDS.incrementAndGet(), method, params);
  }

  private static String callTool(String name, String arguments) {
    return request("tools/call", "{\"name\":\"" + name + "\",\"arguments\":" + arguments + "}");
  }

  private static String message(int id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  /** The events of an SSE body, read on a virtual thread as they arrive. */
  private static BlockingQueue<SseEvent> events(Stream<String> lines) {
    BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    Thread.ofVirtual()
        .start(
            () -> {
              String id = null;
              StringBuilder data = new StringBuilder();
              for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("id:")) {
                  id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                  data.append(line.substring(5).trim());
                } else if (line.isEmpty()) {
                  if (!data.isEmpty()) {
                    events.add(new SseEvent(id, JSON.readTree(data.toString())));
                  } else if (id != null) {
                    events.add(new SseEvent(id, JSON.createObjectNode())); // a priming event
                  }
                  id = null;
                  data.setLength(0);
                }
              }
            });
    return events;
  }

  private static SseEvent next(
      BlockingQueue<SseEvent> events, java.util.function.Predicate<SseEvent> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (true) {
      SseEvent event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(event).as("an awaited event on the stream").isNotNull();
      if (wanted.test(event)) {
        return event;
      }
    }
  }

  private static long upstreamSessionsOpened() {
    return UPSTREAM_EVENTS.stream().filter(SessionEvent::isCreation).count();
  }

  private static long upstreamSessionsClosed() {
    return UPSTREAM_EVENTS.stream().filter(e -> e.to() == SessionState.CLOSED).count();
  }
}
