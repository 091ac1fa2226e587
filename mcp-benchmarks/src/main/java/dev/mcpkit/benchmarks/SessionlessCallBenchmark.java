package dev.mcpkit.benchmarks;

import dev.mcpkit.api.InvocationType;
import dev.mcpkit.api.McpHeaders;
import dev.mcpkit.api.SessionId;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.server.ToolResult;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.JsonRpcCodec;
import dev.mcpkit.api.spi.transport.MessageSink;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.codec.JsonRpcCodecs;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * mcpkit's own work for one {@code tools/call} of a non-blocking {@code echo}, without Jetty and
 * the network: parse the body the wrk harness sends ({@code scripts/wrk/mcp-call.lua}), classify it
 * ({@code invocationType}), serve it ({@code post}) and encode the answer, as the transport's fast
 * path does on its I/O thread. {@code 2025-11-25} calls on one open session, {@code 2026-07-28}
 * sessionless with {@code Mcp-Method}, {@code Mcp-Name} and {@code _meta}: the difference is what
 * the sessionless revision costs per request beyond the session path. Read it with {@code -prof
 * dev.mcpkit.benchmarks.CpuTimeProfiler} on a shared machine (single-threaded, no I/O).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SessionlessCallBenchmark {
  private static final MessageSink NO_MESSAGES = message -> {};

  /** The protocol revision of the call. */
  @Param({"2025-11-25", "2026-07-28"})
  public String revision = "2026-07-28";

  private final JsonRpcCodec codec = JsonRpcCodecs.standard();
  private TransportEngine engine;
  private byte[] body;
  private Map<String, String> headers;
  private @Nullable String sessionId;

  @Setup(Level.Trial)
  public void setUp() {
    Tool echo =
        Tool.of(
                "echo",
                "Echoes the message",
                JsonMapper.builder()
                    .build()
                    .readTree(
                        "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}},"
                            + "\"required\":[\"message\"]}"),
                (arguments, ctx) -> ToolResult.text(arguments.path("message").asString("")))
            .withInvocationType(InvocationType.NON_BLOCKING);
    engine =
        TransportEngine.of(
            McpEngines.create(
                McpServerConfig.builder().serverInfo("mcpkit-echo", "1.0").tool(echo).build(),
                SessionManagers.builder().build()));
    headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.put("Content-Type", "application/json");
    headers.put("Accept", "application/json, text/event-stream");
    headers.put(McpHeaders.MCP_PROTOCOL_VERSION, revision);
    String meta = "";
    if (revision.equals("2026-07-28")) {
      headers.put(McpHeaders.MCP_METHOD, "tools/call");
      headers.put(McpHeaders.MCP_NAME, "echo");
      meta =
          ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
              + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"wrk\",\"version\":\"1\"},"
              + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
    } else {
      sessionId = open();
      headers.put(McpHeaders.MCP_SESSION_ID, sessionId);
    }
    body =
        ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"message\":\"hello\"}"
                + meta
                + "}}")
            .getBytes(StandardCharsets.UTF_8);
    byte[] answer = call();
    if (!new String(answer, StandardCharsets.UTF_8).contains("\"hello\"")) {
      throw new IllegalStateException("echo did not answer: " + new String(answer));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    String open = sessionId;
    if (open != null) {
      engine.delete(open, null);
    }
  }

  /**
   * One call, as the fast path serves it.
   *
   * @return the encoded answer
   */
  @Benchmark
  public byte[] call() {
    ParsedBody.Messages parsed = (ParsedBody.Messages) codec.parse(body, 0, body.length);
    IncomingMessages incoming =
        new IncomingMessages(
            parsed.messages(),
            parsed.batch(),
            headers.get(McpHeaders.MCP_SESSION_ID),
            headers.get(McpHeaders.MCP_PROTOCOL_VERSION),
            null,
            headers::get,
            "127.0.0.1");
    if (!engine.invocationType(incoming).isNonBlocking()) {
      throw new IllegalStateException("the call would block");
    }
    Outcome.Answered answered = (Outcome.Answered) engine.post(incoming, NO_MESSAGES);
    return codec.encode(answered.responses().getFirst());
  }

  private String open() {
    String initialize =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
            + revision
            + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"wrk\",\"version\":\"1\"}}}";
    Outcome.Answered opened = (Outcome.Answered) post(initialize, null);
    SessionId session = opened.newSession();
    if (session == null) {
      throw new IllegalStateException("initialize opened no session: " + opened);
    }
    String id = session.value();
    post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", id);
    return id;
  }

  private Outcome post(String json, @Nullable String session) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    List<JsonRpcMessage> messages =
        ((ParsedBody.Messages) codec.parse(bytes, 0, bytes.length)).messages();
    return engine.post(
        new IncomingMessages(messages, false, session, revision, null, headers::get), NO_MESSAGES);
  }
}
