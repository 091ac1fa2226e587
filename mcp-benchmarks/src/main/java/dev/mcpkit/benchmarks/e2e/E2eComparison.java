package dev.mcpkit.benchmarks.e2e;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The end-to-end comparison in one command: mcpkit, the official MCP Java SDK and a bare Jetty
 * floor, each in its own JVM on loopback, driven by one load generator (this JVM); on request also
 * mcpkit protected by bearer tokens ({@link ServerKind#MCPKIT_OAUTH}), whose authorization server
 * ({@link LoopbackAuthorizationServer}) this JVM runs.
 *
 * <pre>
 * java -cp mcp-benchmarks/target/benchmarks.jar dev.mcpkit.benchmarks.e2e.E2eComparison [--smoke] [options]
 * </pre>
 *
 * <p>Order of a run: start the servers; check that each answers {@code initialize} and {@code
 * tools/call echo} correctly over each protocol (and that a protected one refuses a request without
 * its token); then per protocol, warm every server up until it is warm ({@link WarmupRule}); then
 * for each concurrency open one session per user on every server, warm each at that concurrency
 * (which also gives its coordinated-omission interval), and measure in slices of about two seconds
 * with the servers taking turns slice by slice (so a change in the machine's load hits all three
 * alike), the server's CPU time read around each slice; then DELETE the sessions. Then session
 * churn (initialize + DELETE), measured in turns the same way, and last heap per idle session at
 * each configured count (sessions opened and left idle, used heap after a full GC in the server
 * JVM, minus the same before). Writes {@code e2e-results.json}, {@code e2e-results.md} and {@code
 * e2e-chart.svg} to the output directory. See {@link E2eConfig#parse} for the options; {@code
 * --report FILE} only re-makes the Markdown and the chart from a results file.
 */
public final class E2eComparison {
  /** Sessions opened and DELETEd before the heap baseline (see {@link #heap}). */
  private static final int PRIMING_SESSIONS = 1_000;

  private final E2eConfig config;
  private final E2eResults results = E2eResults.empty();
  private final Map<ServerKind, ServerProcess> servers = new EnumMap<>(ServerKind.class);
  // Started only when a server needs bearer tokens; runs in this JVM, apart from the servers.
  private @Nullable LoopbackAuthorizationServer authorizationServer;

  private E2eComparison(E2eConfig config) {
    this.config = config;
  }

  /**
   * Runs the comparison (or, with {@code --report FILE}, re-makes the report from a results file).
   *
   * @param args see {@link E2eConfig#parse}
   * @throws Exception if a server fails to start or to answer correctly
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("--report")) {
      Path file = Path.of(args[1]);
      E2eReport.writeAll(E2eResults.read(file), requireNonNull(file.toAbsolutePath().getParent()));
      return;
    }
    E2eConfig config;
    try {
      config = E2eConfig.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(config, String.join(" ", args));
    System.exit(0);
  }

  /**
   * Runs a comparison and writes its files.
   *
   * @return the results
   */
  static E2eResults run(E2eConfig config, String arguments) throws Exception {
    E2eComparison comparison = new E2eComparison(config);
    comparison.describe(arguments);
    comparison.runAll();
    Files.createDirectories(config.out());
    comparison.results.write(config.out().resolve("e2e-results.json"));
    E2eReport.writeAll(comparison.results, config.out());
    return comparison.results;
  }

  private void runAll() throws Exception {
    Files.createDirectories(config.out());
    String classPath = classPath();
    List<String> prefix = pinIfAsked();
    // The npm proxies and server-everything of the gateway comparison, where npm ci put them.
    List<String> jvmOptions = new ArrayList<>(config.serverJvmOptions());
    jvmOptions.add(
        "-D"
            + StdioCommands.PEERS_PROPERTY
            + "="
            + Path.of(System.getProperty(StdioCommands.PEERS_PROPERTY, "mcp-benchmarks/peers"))
                .toAbsolutePath());
    try {
      for (ServerKind kind : config.servers()) {
        servers.put(
            kind,
            ServerProcess.start(
                kind,
                classPath,
                jvmOptions,
                config.out(),
                prefix,
                kind.needsBearerToken() ? authorizationServer() : null));
        log(
            "started %s (pid %d) at %s",
            kind.label(), servers.get(kind).pid(), servers.get(kind).endpoint());
      }
      results.machine().put("loadAverageAtStart", loadAverage());
      StolenCpu cpuAtStart = StolenCpu.now();
      for (Protocol protocol : config.protocols()) {
        int maxUsers = Collections.max(config.concurrencies());
        try (LoadClient client =
            LoadClient.start(protocol, Math.max(maxUsers, config.warmupConcurrency()))) {
          for (ServerProcess server : servers.values()) {
            verify(client, server);
          }
          for (ServerProcess server : servers.values()) {
            try (UserConnections connections = UserConnections.of(client, config.generator())) {
              warmUp(client, connections, server);
            }
          }
          for (int users : config.concurrencies()) {
            try (UserConnections connections = UserConnections.of(client, config.generator())) {
              scenarios(client, connections, users);
            }
          }
        }
      }
      try (LoadClient client = LoadClient.start(Protocol.HTTP1, config.churnConcurrency());
          UserConnections connections = UserConnections.of(client, config.generator())) {
        churn(connections);
      }
      try (LoadClient client = LoadClient.start(Protocol.HTTP1, 64)) {
        for (ServerProcess server : servers.values()) {
          if (server.kind().keepsSessions()) {
            heap(client, server);
          }
        }
      }
      results.machine().put("loadAverageAtEnd", loadAverage());
      StolenCpu cpuAtEnd = StolenCpu.now();
      if (cpuAtStart != null && cpuAtEnd != null) {
        results.machine().put("stolenCpuPercent", cpuAtEnd.percentSince(cpuAtStart));
      }
      results.machine().put("finished", Instant.now().toString());
    } finally {
      for (ServerProcess server : servers.values()) {
        server.close();
      }
      if (authorizationServer != null) {
        authorizationServer.close();
      }
    }
  }

  private LoopbackAuthorizationServer authorizationServer() throws Exception {
    if (authorizationServer == null) {
      authorizationServer = LoopbackAuthorizationServer.start();
      log("started the authorization server at %s", authorizationServer.issuer());
    }
    return authorizationServer;
  }

  /**
   * With {@code --pin true}, moves this JVM onto the generator's CPUs and answers the command
   * prefix that starts the servers on theirs (empty when unpinned); records which in the results.
   */
  private List<String> pinIfAsked() {
    if (!config.pin()) {
      results.machine().put("pinning", "none (--pin false)");
      return List.of();
    }
    java.util.Optional<CpuSplit> split = CpuSplit.detect();
    if (split.isEmpty()) {
      results.machine().put("pinning", "none (fewer than two CPUs, or no taskset)");
      log(
          "WARNING: --pin true, but fewer than two CPUs are allowed or taskset is missing: running unpinned");
      return List.of();
    }
    split.get().pinThisProcess();
    results.machine().put("pinning", split.get().describe());
    log("pinned: %s", split.get().describe());
    return split.get().serverCommandPrefix();
  }

  private void verify(LoadClient client, ServerProcess server) throws Exception {
    Endpoint endpoint = server.endpoint();
    if (server.kind().checksBearerToken()) {
      // A protected server must refuse the same request without its token, or the run would
      // measure an unprotected one.
      Answer refused =
          client
              .post(Endpoint.open(endpoint.uri()), null, null, McpMessages.INITIALIZE)
              .get(30, TimeUnit.SECONDS);
      require(server, refused.status() == 401, "initialize without a bearer token", refused);
    }
    Answer init =
        client.post(endpoint, null, null, McpMessages.INITIALIZE).get(30, TimeUnit.SECONDS);
    JsonNode initAnswer = McpMessages.message(init);
    String id = init.sessionId();
    String version = initAnswer.path("result").path("protocolVersion").asString("");
    // The churn loop reads the version by a text scan; it must find what the full parse finds.
    require(
        server,
        init.status() == 200
            && id != null
            && !version.isEmpty()
            && version.equals(McpMessages.protocolVersionOf(init))
            && initAnswer.path("id").asInt(-1) == 0,
        "initialize",
        init);
    requireNonNull(id); // require checked it
    OpenSession session = new OpenSession(id, version);
    Answer ack =
        client.post(endpoint, id, version, McpMessages.INITIALIZED).get(30, TimeUnit.SECONDS);
    require(server, ack.status() == 202, "notifications/initialized", ack);
    Answer call =
        client.post(endpoint, id, version, McpMessages.toolsCall(7)).get(30, TimeUnit.SECONDS);
    JsonNode callAnswer = McpMessages.message(call);
    JsonNode content = callAnswer.path("result").path("content");
    require(
        server,
        call.status() == 200
            && callAnswer.path("id").asInt(-1) == 7
            && content.size() == 1
            && "text".equals(content.path(0).path("type").asString(""))
            && server.kind().echoText().equals(content.path(0).path("text").asString(""))
            && !callAnswer.path("result").path("isError").asBoolean(false)
            && McpMessages.isEchoAnswer(call, McpMessages.echoMarker(server.kind().echoText())),
        "tools/call echo",
        call);
    Sessions.close(client.to(endpoint), session).get(30, TimeUnit.SECONDS);
    results.verified(
        server.kind(), client.protocol(), initAnswer.toString(), callAnswer.toString());
  }

  private static void require(ServerProcess server, boolean ok, String what, Answer response) {
    if (!ok) {
      throw new IllegalStateException(
          server.kind().label()
              + " answered "
              + what
              + " wrongly: "
              + response.status()
              + " "
              + response.body());
    }
  }

  private void warmUp(LoadClient client, UserConnections connections, ServerProcess server)
      throws Exception {
    Endpoint endpoint = server.endpoint();
    List<OpenSession> sessions =
        Sessions.openMany(client, endpoint, config.warmupConcurrency(), 64);
    List<ClosedLoop.Operation> users = users(connections, server, sessions);
    WarmupRule rule = new WarmupRule(config.stableTolerance(), config.warmupWindow());
    List<WarmupWindow> windows = new ArrayList<>();
    long deadline = System.nanoTime() + config.warmupMax().toNanos();
    WarmupRule.Verdict verdict;
    do {
      Map<String, Long> jitBefore = JitCpu.sample(server.pid());
      long start = System.nanoTime();
      LoadSample window = ClosedLoop.run(users, config.warmupWindow(), 0);
      long jit = JitCpu.busyNanos(jitBefore, JitCpu.sample(server.pid()));
      long wall = System.nanoTime() - start;
      windows.add(
          new WarmupWindow(
              window.throughput(), window.errors(), jit < 0 ? Double.NaN : (double) jit / wall));
      verdict = rule.decide(windows, System.nanoTime() >= deadline);
    } while (!verdict.done());
    Sessions.closeMany(client, endpoint, sessions, 64);
    results.warmup(server.kind(), client.protocol(), config.warmupConcurrency(), windows, verdict);
    log(
        "warm-up %s %s: %s req/s, JIT busy %s: %s",
        server.kind().label(),
        client.protocol().label(),
        rounded(windows.stream().map(WarmupWindow::rate).toList()),
        windows.stream()
            .map(w -> w.jitKnown() ? Math.round(w.jitShare() * 100) + "%" : "?")
            .toList(),
        verdict.reason());
  }

  /**
   * One concurrency, every server: open each server's sessions and warm it at this concurrency
   * (which also gives its coordinated-omission interval), then measure in {@link #rounds} slices,
   * the servers taking turns slice by slice, so that a burst of load from elsewhere on the machine
   * hits all of them alike instead of whichever happened to run then.
   */
  private void scenarios(LoadClient client, UserConnections connections, int users)
      throws Exception {
    Map<ServerKind, List<ClosedLoop.Operation>> operations = new EnumMap<>(ServerKind.class);
    Map<ServerKind, List<OpenSession>> sessions = new EnumMap<>(ServerKind.class);
    Map<ServerKind, Long> intervals = new EnumMap<>(ServerKind.class);
    for (ServerProcess server : servers.values()) {
      List<OpenSession> opened = Sessions.openMany(client, server.endpoint(), users, 64);
      sessions.put(server.kind(), opened);
      operations.put(server.kind(), users(connections, server, opened));
      LoadSample warm = ClosedLoop.run(operations.get(server.kind()), config.scenarioWarmup(), 0);
      intervals.put(
          server.kind(),
          warm.operations() == 0 ? 0L : Math.max(1, Math.round(users * 1e6 / warm.throughput())));
    }
    Map<ServerKind, LoadSample> totals =
        measureInTurns(
            servers.values(),
            config.measure(),
            kind ->
                ClosedLoop.run(
                    requireNonNull(operations.get(kind)),
                    sliceOf(config.measure()),
                    requireNonNull(intervals.get(kind))));
    for (ServerProcess server : servers.values()) {
      Sessions.closeMany(
          client, server.endpoint(), requireNonNull(sessions.get(server.kind())), 64);
      LoadSample sample = requireNonNull(totals.get(server.kind()));
      results.scenario(
          server.kind(),
          client.protocol(),
          users,
          requireNonNull(intervals.get(server.kind())),
          sample);
      log(
          "%s %s c=%d: %.0f req/s, p50 %d us, p99 %d us, p99.9 %d us, server CPU %.1f us/req%s, errors %d",
          server.kind().label(),
          client.protocol().label(),
          users,
          sample.throughput(),
          sample.latency().getValueAtPercentile(50),
          sample.latency().getValueAtPercentile(99),
          sample.latency().getValueAtPercentile(99.9),
          sample.serverCpuMicrosPerOp(),
          server.kind().proxied()
              ? String.format(
                  java.util.Locale.ROOT, " (upstream %.1f us/req)", sample.upstreamCpuMicrosPerOp())
              : "",
          sample.errors());
    }
  }

  private interface Slice {
    LoadSample run(ServerKind kind) throws InterruptedException;
  }

  /**
   * Runs {@code slice} for every given server in turn, {@link #rounds} times; sums each server's
   * slices. A proxy's upstream CPU is read around each slice too.
   */
  private Map<ServerKind, LoadSample> measureInTurns(
      java.util.Collection<ServerProcess> which, java.time.Duration total, Slice slice)
      throws InterruptedException {
    Map<ServerKind, LoadSample> totals = new EnumMap<>(ServerKind.class);
    for (int round = 0; round < rounds(total); round++) {
      for (ServerProcess server : which) {
        boolean proxied = server.kind().proxied();
        long upstreamBefore = proxied ? server.upstreamCpuNanos() : -1;
        long cpuBefore = server.cpuNanos();
        LoadSample sample = slice.run(server.kind());
        sample = sample.withServerCpu(server.cpuNanos() - cpuBefore);
        if (proxied) {
          long upstreamAfter = server.upstreamCpuNanos();
          sample =
              sample.withUpstreamCpu(
                  upstreamBefore < 0 || upstreamAfter < 0 ? -1 : upstreamAfter - upstreamBefore);
        }
        totals.merge(server.kind(), sample, LoadSample::plus);
      }
    }
    return totals;
  }

  /**
   * Slices of about two seconds, at least two (so the turn-taking is exercised even in smoke runs).
   */
  static int rounds(java.time.Duration total) {
    return (int) Math.max(2, Math.round(total.toMillis() / 2000.0));
  }

  private static java.time.Duration sliceOf(java.time.Duration total) {
    return total.dividedBy(rounds(total));
  }

  private void churn(UserConnections connections) throws Exception {
    Map<ServerKind, List<ClosedLoop.Operation>> users = new EnumMap<>(ServerKind.class);
    // Not where each session starts a process: that would measure process start-up.
    List<ServerProcess> churning =
        servers.values().stream().filter(server -> server.kind().churns()).toList();
    for (ServerProcess server : churning) {
      List<ClosedLoop.Operation> list = new ArrayList<>();
      for (int i = 0; i < config.churnConcurrency(); i++) {
        list.add(Operations.churn(connections.connect(server.endpoint())));
      }
      users.put(server.kind(), list);
      ClosedLoop.run(list, config.churnWarmup(), 0);
    }
    Map<ServerKind, LoadSample> totals =
        measureInTurns(
            churning,
            config.churnMeasure(),
            kind ->
                ClosedLoop.run(requireNonNull(users.get(kind)), sliceOf(config.churnMeasure()), 0));
    for (ServerProcess server : churning) {
      LoadSample sample = requireNonNull(totals.get(server.kind()));
      results.churn(server.kind(), Protocol.HTTP1, config.churnConcurrency(), sample);
      log(
          "churn %s c=%d: %.0f initialize+DELETE/s, errors %d",
          server.kind().label(), config.churnConcurrency(), sample.throughput(), sample.errors());
    }
  }

  private void heap(LoadClient client, ServerProcess server) throws Exception {
    Endpoint endpoint = server.endpoint();
    // What this step's 64 connections cost the server (connection objects, the buffers its pool
    // keeps for them) is not per session: a first batch of sessions is opened and DELETEd over them
    // so that they exist, warm, before the baseline is taken.
    Sessions.closeMany(
        client, endpoint, Sessions.openMany(client, endpoint, PRIMING_SESSIONS, 64), 64);
    long before = server.usedHeapAfterGc();
    int live = 0;
    for (int target : config.heapSessions()) {
      Sessions.openMany(client, endpoint, target - live, 64);
      live = target;
      long after = server.usedHeapAfterGc();
      results.heap(server.kind(), live, before, after);
      log(
          "heap %s: %d idle sessions, %.0f bytes/session",
          server.kind().label(), live, (double) (after - before) / live);
    }
  }

  private static List<ClosedLoop.Operation> users(
      UserConnections connections, ServerProcess server, List<OpenSession> sessions)
      throws Exception {
    List<ClosedLoop.Operation> users = new ArrayList<>();
    String marker = McpMessages.echoMarker(server.kind().echoText());
    for (OpenSession session : sessions) {
      users.add(Operations.toolsCall(connections.connect(server.endpoint()), session, marker));
    }
    return users;
  }

  private void describe(String arguments) {
    var machine = results.machine();
    machine.put("started", Instant.now().toString());
    machine.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    machine.put("jdk", System.getProperty("java.vm.vendor") + " " + Runtime.version());
    machine.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    machine.put(
        "totalMemoryBytes",
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize());
    var c = results.config();
    c.put("arguments", arguments);
    c.put("measureSeconds", config.measure().toMillis() / 1e3);
    c.put("scenarioWarmupSeconds", config.scenarioWarmup().toMillis() / 1e3);
    c.put("warmupWindowSeconds", config.warmupWindow().toMillis() / 1e3);
    c.put("warmupMaxSeconds", config.warmupMax().toMillis() / 1e3);
    c.put("warmupConcurrency", config.warmupConcurrency());
    c.put("stableTolerance", config.stableTolerance());
    c.put("churnConcurrency", config.churnConcurrency());
    c.put("churnMeasureSeconds", config.churnMeasure().toMillis() / 1e3);
    c.put("generator", config.generator().label());
    ArrayNode jvm = c.putArray("serverJvmOptions");
    config.serverJvmOptions().forEach(jvm::add);
    ArrayNode driverJvm = c.putArray("driverJvmOptions");
    ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(driverJvm::add);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * The class path for the server JVMs: this JVM's own, plus its module path when it runs as a
   * module (the test suite), so the servers run from the same classes either way.
   */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String property : List.of("jdk.module.path", "java.class.path")) {
      String value = System.getProperty(property);
      if (value != null && !value.isBlank()) {
        for (String entry : value.split(File.pathSeparator)) {
          // Absolute: the server JVMs run in the output directory.
          entries.add(Path.of(entry).toAbsolutePath().toString());
        }
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String rounded(List<Double> values) {
    return values.stream().map(v -> String.valueOf(Math.round(v))).toList().toString();
  }

  private static void log(String format, Object... args) {
    System.out.printf("[e2e %tT] %s%n", System.currentTimeMillis(), String.format(format, args));
  }
}
