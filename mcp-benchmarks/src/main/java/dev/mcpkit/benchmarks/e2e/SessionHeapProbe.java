package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

import dev.mcpkit.api.SessionManager;
import dev.mcpkit.api.SessionPolicy;
import dev.mcpkit.api.jsonrpc.JsonRpcMessage;
import dev.mcpkit.api.server.McpServerConfig;
import dev.mcpkit.api.server.Tool;
import dev.mcpkit.api.spi.transport.IncomingMessages;
import dev.mcpkit.api.spi.transport.Outcome;
import dev.mcpkit.api.spi.transport.ParsedBody;
import dev.mcpkit.api.spi.transport.TransportEngine;
import dev.mcpkit.session.McpEngines;
import dev.mcpkit.session.SessionManagers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Heap per idle session through the real engine in one JVM, without HTTP: a quick, repeatable
 * companion of the end-to-end heap measurement. Opens sessions with the exact {@code initialize}
 * and {@code notifications/initialized} bodies of the end-to-end load client ({@link McpMessages}),
 * parsed by the engine's codec so each session gets freshly parsed strings and nodes as over the
 * wire, then reads used heap after full collections from the {@code MemoryMXBean}.
 *
 * <p>Also measures the bytes the engine allocates per session churn cycle ({@code initialize},
 * {@code notifications/initialized}, {@code DELETE}) on the calling thread, where the engine runs
 * them, from {@code ThreadMXBean.getCurrentThreadAllocatedBytes}: deterministic, unlike churn
 * throughput on a shared machine.
 *
 * <p>With {@code --histogram} it also lists, per class, what the sessions left on the heap ({@link
 * HeapHistogram}: the live-object histogram before and after opening them), in bytes per session:
 * the breakdown of the total.
 *
 * <pre>
 * java -Xmx1g -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.e2e.SessionHeapProbe 100000 [--histogram]
 * </pre>
 */
public final class SessionHeapProbe {
  private SessionHeapProbe() {}

  /**
   * One measurement.
   *
   * @param sessions sessions opened
   * @param live sessions the manager held when heap was read
   * @param bytesPerSession used heap growth divided by {@code sessions}
   */
  public record Result(int sessions, int live, double bytesPerSession) {}

  /** Cycles measured by {@link #allocatedPerChurnCycle(int)} in {@link #main}. */
  private static final int CHURN_CYCLES = 20_000;

  /**
   * Runs the probe.
   *
   * @param args the number of sessions (default 100,000), and {@code --histogram} for the breakdown
   *     by class
   */
  public static void main(String[] args) {
    boolean histogram = List.of(args).contains("--histogram");
    List<String> counts = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
    Result result =
        measure(counts.isEmpty() ? 100_000 : Integer.parseInt(counts.get(0)), histogram);
    System.out.printf(
        "sessions=%d live=%d bytesPerSession=%.1f%n",
        result.sessions(), result.live(), result.bytesPerSession());
    System.out.printf(
        "churn cycles=%d allocatedBytesPerCycle=%.0f%n",
        CHURN_CYCLES, allocatedPerChurnCycle(CHURN_CYCLES));
    System.out.printf(
        "churn cycles=%d cpuMicrosPerCycle=%.2f (engine only, this thread)%n",
        CHURN_CYCLES * 5, cpuMicrosPerChurnCycle(CHURN_CYCLES * 5));
  }

  /**
   * Bytes allocated on the calling thread per {@code initialize} + {@code
   * notifications/initialized} + {@code DELETE}, parsing included, after as many cycles to warm up.
   *
   * @param cycles cycles measured
   * @return the mean bytes per cycle
   */
  public static double allocatedPerChurnCycle(int cycles) {
    McpServerConfig config = config();
    SessionManager sessions =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder().maxSessions(1_000).idleTimeout(Duration.ofHours(1)).build())
            .build();
    try {
      TransportEngine engine = TransportEngine.of(McpEngines.create(config, sessions));
      churn(engine, cycles);
      var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadAllocatedBytes();
      churn(engine, cycles);
      long after = threads.getCurrentThreadAllocatedBytes();
      return (double) (after - before) / cycles;
    } finally {
      sessions.close();
    }
  }

  /**
   * CPU time of the calling thread per {@code initialize} + {@code notifications/initialized} +
   * {@code DELETE} through the engine (parsing included, no HTTP), after as many cycles to warm up:
   * the engine's share of a churn cycle's server CPU.
   *
   * @param cycles cycles measured
   * @return the mean microseconds per cycle
   */
  public static double cpuMicrosPerChurnCycle(int cycles) {
    McpServerConfig config = config();
    SessionManager sessions =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder().maxSessions(1_000).idleTimeout(Duration.ofHours(1)).build())
            .build();
    try {
      TransportEngine engine = TransportEngine.of(McpEngines.create(config, sessions));
      churn(engine, cycles);
      var threads = ManagementFactory.getThreadMXBean();
      long before = threads.getCurrentThreadCpuTime();
      churn(engine, cycles);
      long after = threads.getCurrentThreadCpuTime();
      return (after - before) / 1e3 / cycles;
    } finally {
      sessions.close();
    }
  }

  private static void churn(TransportEngine engine, int cycles) {
    for (int i = 0; i < cycles; i++) {
      Outcome outcome = engine.post(incoming(engine, McpMessages.INITIALIZE, null), message -> {});
      String id = requireNonNull(((Outcome.Answered) outcome).newSession()).value();
      engine.post(incoming(engine, McpMessages.INITIALIZED, id), message -> {});
      engine.delete(id, null);
    }
  }

  private static McpServerConfig config() {
    return McpServerConfig.builder()
        .serverInfo("mcpkit-echo", "1.0")
        .tool(
            Tool.of(
                EchoTool.NAME,
                EchoTool.DESCRIPTION,
                JsonMapper.builder().build().readTree(EchoTool.INPUT_SCHEMA),
                (arguments, ctx) -> {
                  throw new IllegalStateException("not called by the probe");
                }))
        .build();
  }

  /**
   * Opens {@code count} idle sessions on a fresh engine (after 1,000 to warm up) and measures them.
   *
   * @param count sessions to open
   * @return the measurement
   */
  public static Result measure(int count) {
    return measure(count, false);
  }

  private static Result measure(int count, boolean histogram) {
    McpServerConfig config = config();
    SessionManager sessions =
        SessionManagers.builder()
            .policy(
                SessionPolicy.builder()
                    .maxSessions(count + 2_000)
                    .idleTimeout(Duration.ofHours(1))
                    .build())
            .build();
    try {
      TransportEngine engine = TransportEngine.of(McpEngines.create(config, sessions));
      open(engine, 1_000);
      HeapHistogram classesBefore = histogram ? HeapHistogram.take() : null;
      long before = usedAfterGc();
      open(engine, count);
      long after = usedAfterGc();
      if (classesBefore != null) {
        System.out.printf(
            "%-70s %12s %12s%n", "class (grown by >= 1 B per session)", "per session", "B/session");
        for (HeapHistogram.Growth g : HeapHistogram.take().growthSince(classesBefore, count)) {
          System.out.printf(
              "%-70s %12.2f %12.1f%n",
              g.className(), (double) g.instances() / count, (double) g.bytes() / count);
        }
      }
      return new Result(count, sessions.size() - 1_000, (double) (after - before) / count);
    } finally {
      sessions.close();
    }
  }

  private static void open(TransportEngine engine, int count) {
    for (int i = 0; i < count; i++) {
      Outcome outcome = engine.post(incoming(engine, McpMessages.INITIALIZE, null), message -> {});
      String id = requireNonNull(((Outcome.Answered) outcome).newSession()).value();
      engine.post(incoming(engine, McpMessages.INITIALIZED, id), message -> {});
    }
  }

  private static IncomingMessages incoming(
      TransportEngine engine, byte[] body, @Nullable String sessionId) {
    List<JsonRpcMessage> messages =
        ((ParsedBody.Messages) engine.codec().parse(body, 0, body.length)).messages();
    return new IncomingMessages(
        messages, false, sessionId, sessionId == null ? null : McpMessages.OFFERED_VERSION, null);
  }

  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
