package dev.mcpkit.benchmarks;

import dev.mcpkit.api.ProtocolVersion;
import dev.mcpkit.api.Session;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.SessionInit;
import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.client.CallToolResult;
import dev.mcpkit.api.client.McpClient;
import dev.mcpkit.api.client.RequestOptions;
import dev.mcpkit.api.server.McpEngine;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.EventStore;
import dev.mcpkit.session.EventStores;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import dev.mcpkit.store.redis.RedisStores;
import dev.mcpkit.transport.jetty.McpHttpClient;
import dev.mcpkit.transport.jetty.McpHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Redis store costs against the in-memory default, in the same run ({@code @Param store}:
 * {@code memory} = no store and {@link EventStores#inMemory()}, {@code redis} = {@link RedisStores}
 * against a {@code redis-server} the benchmark starts itself on a free loopback port):
 *
 * <ul>
 *   <li>{@link #lookupTouch()}: {@code SessionManager.touch} of a random one of 10,000 sessions,
 *       the per-request hot path. With Redis, a touch writes nothing but at most once per session
 *       per refresh interval (asynchronously), so this should stay close to the in-memory figure.
 *   <li>{@link #callTool()}: {@code tools/call} of an {@code echo} tool through one {@link
 *       McpHttpClient} against an {@link McpHttpServer} in the same JVM; answered as JSON, it
 *       touches no event store.
 *   <li>{@link #callToolWithProgress()}: the same with one progress notification, so the answer is
 *       an SSE stream whose two events (progress, response) are appended to the event store: with
 *       Redis, two round trips (Lua scripts) per call, plus the stream drop at the end.
 * </ul>
 *
 * Needs {@code redis-server} on the PATH.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RedisStoreBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int SESSIONS = 10_000;

  /** {@code memory}: the in-memory defaults; {@code redis}: the Redis stores. */
  @Param({"memory", "redis"})
  public String store = "memory";

  private final JsonNode arguments = JSON.readTree("{\"message\":\"hello\"}");
  private @Nullable Process redisProcess; // only for the redis store
  private @Nullable Path redisDir;
  private RedisStores redis;
  private SessionManager sessions;
  private McpHttpServer server;
  private McpClient client;
  private SessionId[] ids;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    SessionPolicy policy =
        SessionPolicy.builder().maxSessions(SESSIONS * 2).idleTimeout(Duration.ofHours(1)).build();
    SessionManagers.Builder managers = SessionManagers.builder().policy(policy);
    EventStore events = EventStores.inMemory();
    if (store.equals("redis")) {
      int port = startRedis();
      redis = RedisStores.builder("redis://127.0.0.1:" + port).policy(policy).build();
      managers.store(redis.sessionStore());
      events = redis.eventStore();
    } else if (!store.equals("memory")) {
      throw new IllegalArgumentException("unknown store: " + store);
    }
    sessions = managers.build();
    ids = new SessionId[SESSIONS];
    for (int i = 0; i < SESSIONS; i++) {
      Session s = sessions.create(SessionInit.of(ProtocolVersion.latest()));
      sessions.activate(s.id());
      ids[i] = s.id();
    }
    JsonNode schema =
        JSON.readTree("{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}");
    McpServerConfig config =
        McpServerConfig.builder()
            .serverInfo("redis-benchmark", "1.0")
            .tool(
                Tool.of(
                    "echo",
                    "Echoes the message.",
                    schema,
                    (args, ctx) -> ToolResult.text(args.path("message").asString(""))))
            .tool(
                Tool.of(
                    "echoWithProgress",
                    "Reports progress, then echoes.",
                    schema,
                    (args, ctx) -> {
                      ctx.progress(1, 1.0, "echoing");
                      return ToolResult.text(args.path("message").asString(""));
                    }))
            .build();
    McpEngine engine = McpEngines.builder(config, sessions).events(events).build();
    if (redis != null) {
      engine = redis.cluster(engine);
    }
    server = McpHttpServer.builder().host("127.0.0.1").port(0).engine(engine).build();
    server.start();
    client =
        McpHttpClient.builder(server.endpoint())
            .clientInfo("redis-benchmark", "1.0")
            .maxConnectionsPerDestination(64)
            .openEventStream(false)
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    client.initialize();
    CallToolResult check = callTool();
    if (check.isError()
        || !"hello".equals(check.text())
        || !"hello".equals(callToolWithProgress().text())) {
      throw new IllegalStateException("echo answered " + check.text());
    }
  }

  private int startRedis() throws IOException {
    redisDir = Files.createTempDirectory("mcpkit-bench-redis-");
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    redisProcess =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                redisDir.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning")
            .redirectErrorStream(true)
            .redirectOutput(redisDir.resolve("redis.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        if (new String(socket.getInputStream().readNBytes(7), StandardCharsets.US_ASCII)
            .equals("+PONG\r\n")) {
          return port;
        }
      } catch (IOException notYet) {
        Thread.onSpinWait(); // redis-server is starting
      }
    }
    throw new UncheckedIOException(new IOException("redis-server did not answer on port " + port));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    client.close();
    server.close();
    sessions.close();
    if (redis != null) {
      redis.close();
    }
    if (redisProcess != null) {
      redisProcess.destroy();
      redisProcess.waitFor();
    }
  }

  /** The per-request hot path: look a session up and record activity. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public @Nullable Session lookupTouch(XorShift random) {
    return sessions.touch(ids[random.nextInt(SESSIONS)]);
  }

  /** One {@code tools/call} answered as JSON. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public CallToolResult callTool() {
    return client.callTool("echo", arguments);
  }

  /** One {@code tools/call} answered as an SSE stream of two stored events. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  public CallToolResult callToolWithProgress() {
    return client.callTool(
        "echoWithProgress", arguments, RequestOptions.defaults().withProgress(p -> {}));
  }
}
