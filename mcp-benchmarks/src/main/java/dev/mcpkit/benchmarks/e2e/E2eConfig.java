package dev.mcpkit.benchmarks.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one comparison run does, and for how long. {@link #full()} is the default (about 15 minutes
 * on 2 vCPUs); {@link #smoke()} takes seconds and exists so the test suite can run the harness.
 *
 * @param out directory for the results ({@code e2e-results.json}, {@code .md}, {@code .svg}, logs)
 * @param servers the servers compared
 * @param protocols the HTTP versions
 * @param concurrencies closed-loop users (sessions) per scenario
 * @param warmupConcurrency users during the warm-up-until-stable phase
 * @param warmupWindow length of one warm-up window
 * @param warmupMax longest warm-up per server and protocol, warm or not
 * @param stableTolerance how far below the best warm-up window the last windows may be for the
 *     server to count as warm ({@link WarmupRule})
 * @param scenarioWarmup warm-up at the scenario's own concurrency (also measures the CO interval)
 * @param measure measured time per scenario
 * @param churnConcurrency users running initialize+DELETE
 * @param churnWarmup churn warm-up
 * @param churnMeasure churn measured time
 * @param heapSessions live idle session counts at which heap per session is measured (ascending)
 * @param serverJvmOptions the options of every server JVM
 * @param generator what sends the measured load
 * @param pin whether the load generator and the servers run on separate CPUs ({@link CpuSplit})
 */
record E2eConfig(
    Path out,
    List<ServerKind> servers,
    List<Protocol> protocols,
    List<Integer> concurrencies,
    int warmupConcurrency,
    Duration warmupWindow,
    Duration warmupMax,
    double stableTolerance,
    Duration scenarioWarmup,
    Duration measure,
    int churnConcurrency,
    Duration churnWarmup,
    Duration churnMeasure,
    List<Integer> heapSessions,
    List<String> serverJvmOptions,
    LoadGenerator generator,
    boolean pin) {

  static final List<String> DEFAULT_SERVER_JVM_OPTIONS =
      List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  E2eConfig {
    servers = List.copyOf(servers);
    protocols = List.copyOf(protocols);
    concurrencies = List.copyOf(concurrencies);
    heapSessions = List.copyOf(heapSessions);
    serverJvmOptions = List.copyOf(serverJvmOptions);
    if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException(
          "concurrency: positive values needed, got " + concurrencies);
    }
    for (ServerKind server : servers) {
      if (server.sessionlessOnly()) {
        throw new IllegalArgumentException(
            "servers: "
                + server.label()
                + " serves only the sessionless 2026-07-28 revision, which this driver does not"
                + " send; measure it with scripts/wrk.sh --revisions 2026-07-28");
      }
      if (!server.speaksH2c() && protocols.contains(Protocol.H2C)) {
        throw new IllegalArgumentException(
            "servers: " + server.label() + " speaks HTTP/1.1 only; add --protocols http1");
      }
    }
  }

  /**
   * The full comparison: ~15 minutes on 2 vCPUs. Its servers are mcpkit, the SDK and the Jetty
   * floor; the protected mcpkit ({@code mcpkit-oauth}) is asked for with {@code --servers}.
   */
  static E2eConfig full() {
    return new E2eConfig(
        Path.of("benchmark-results/e2e"),
        List.of(ServerKind.MCPKIT, ServerKind.SDK, ServerKind.JETTY),
        List.of(Protocol.values()),
        List.of(1, 16, 64, 256),
        64,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        0.05,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        16,
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        List.of(10_000, 100_000),
        DEFAULT_SERVER_JVM_OPTIONS,
        LoadGenerator.LEAN,
        false);
  }

  /**
   * A few seconds per server: proves the harness runs end to end, measures nothing worth quoting.
   * Every server kind of the main comparison, the protected one included, so the bearer-token path
   * is exercised too; the gateway comparison's kinds are asked for with {@code --servers}.
   */
  static E2eConfig smoke() {
    return new E2eConfig(
        Path.of("benchmark-results/e2e-smoke"),
        List.of(
            ServerKind.MCPKIT,
            ServerKind.MCPKIT_OAUTH,
            ServerKind.MCPKIT_TOKEN_UNCHECKED,
            ServerKind.MCPKIT_TYPED,
            ServerKind.MCPKIT_PLAIN,
            ServerKind.SDK,
            ServerKind.JETTY),
        List.of(Protocol.values()),
        List.of(1, 4),
        4,
        Duration.ofMillis(500),
        Duration.ofMillis(1000),
        0.5,
        Duration.ofMillis(300),
        Duration.ofMillis(700),
        2,
        Duration.ofMillis(200),
        Duration.ofMillis(500),
        List.of(100, 300),
        List.of("-Xms128m", "-Xmx256m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1"),
        LoadGenerator.LEAN,
        false);
  }

  /**
   * Parses the command line: {@code --smoke} picks the smoke preset, then each option overrides one
   * field: {@code --out DIR}, {@code --servers mcpkit,sdk,jetty} (also {@code mcpkit-oauth}, {@code
   * mcpkit-typed}), {@code --protocols http1,h2c}, {@code --concurrency 1,16,64,256}, {@code
   * --measure SECONDS}, {@code --scenario-warmup SECONDS}, {@code --warmup-window SECONDS}, {@code
   * --warmup-max SECONDS}, {@code --churn-measure SECONDS}, {@code --heap-sessions 10000,100000}
   * (or {@code none}), {@code --jfr true} (each server JVM records a JFR profile to {@code
   * <out>/server-<pid>.jfr}; the run's log names each server's pid), {@code --generator lean|jetty}
   * (what sends the measured load, default {@code lean}), {@code --pin true|false} (load generator
   * and servers on separate CPUs, see {@link CpuSplit}; default false).
   *
   * @throws IllegalArgumentException naming the bad option
   */
  static E2eConfig parse(String... args) {
    List<String> list = Arrays.asList(args);
    Draft d = new Draft(list.contains("--smoke") ? smoke() : full());
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--out" -> d.out = Path.of(value);
        case "--servers" -> d.servers = map(value, ServerKind::of);
        case "--protocols" -> d.protocols = map(value, Protocol::of);
        case "--concurrency" -> d.concurrencies = map(value, Integer::valueOf);
        case "--warmup-concurrency" -> {
          d.warmupConcurrency = Integer.parseInt(value);
          if (d.warmupConcurrency < 1) {
            throw new IllegalArgumentException("--warmup-concurrency must be positive: " + value);
          }
        }
        case "--heap-sessions" ->
            d.heapSessions = value.equals("none") ? List.of() : map(value, Integer::valueOf);
        case "--measure" -> d.measure = seconds(option, value);
        case "--warmup-max" -> d.warmupMax = seconds(option, value);
        case "--churn-measure" -> d.churnMeasure = seconds(option, value);
        case "--scenario-warmup" -> d.scenarioWarmup = seconds(option, value);
        case "--warmup-window" -> d.warmupWindow = seconds(option, value);
        case "--generator" -> d.generator = LoadGenerator.of(value);
        case "--pin" -> d.pin = Boolean.parseBoolean(value);
        case "--jfr" -> {
          if (Boolean.parseBoolean(value)) {
            List<String> options = new ArrayList<>(d.serverJvmOptions);
            // Relative to the server's working directory, the output directory; %p is the server's
            // pid.
            options.add("-XX:StartFlightRecording=settings=profile,filename=server-%p.jfr");
            d.serverJvmOptions = options;
          }
        }
        default -> throw new IllegalArgumentException("unknown option: " + option);
      }
    }
    return d.build();
  }

  /** A configuration being changed option by option while the command line is read. */
  private static final class Draft {
    Path out;
    List<ServerKind> servers;
    List<Protocol> protocols;
    List<Integer> concurrencies;
    int warmupConcurrency;
    Duration warmupWindow;
    Duration warmupMax;
    Duration scenarioWarmup;
    Duration measure;
    Duration churnMeasure;
    List<Integer> heapSessions;
    List<String> serverJvmOptions;
    LoadGenerator generator;
    boolean pin;
    private final E2eConfig base;

    Draft(E2eConfig base) {
      this.base = base;
      out = base.out;
      servers = base.servers;
      protocols = base.protocols;
      concurrencies = base.concurrencies;
      warmupConcurrency = base.warmupConcurrency;
      warmupWindow = base.warmupWindow;
      warmupMax = base.warmupMax;
      scenarioWarmup = base.scenarioWarmup;
      measure = base.measure;
      churnMeasure = base.churnMeasure;
      heapSessions = base.heapSessions;
      serverJvmOptions = base.serverJvmOptions;
      generator = base.generator;
      pin = base.pin;
    }

    E2eConfig build() {
      return new E2eConfig(
          out,
          servers,
          protocols,
          concurrencies,
          warmupConcurrency,
          warmupWindow,
          warmupMax,
          base.stableTolerance,
          scenarioWarmup,
          measure,
          base.churnConcurrency,
          base.churnWarmup,
          churnMeasure,
          heapSessions,
          serverJvmOptions,
          generator,
          pin);
    }
  }

  private static Duration seconds(String option, String value) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": seconds expected, got " + value, e);
    }
  }

  private static <T> List<T> map(String csv, java.util.function.Function<String, T> parse) {
    List<T> values = new ArrayList<>();
    for (String part : csv.split(",")) {
      values.add(parse.apply(part.strip()));
    }
    return values;
  }
}
