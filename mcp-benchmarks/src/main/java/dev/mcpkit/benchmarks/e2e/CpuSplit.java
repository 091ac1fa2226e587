package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which CPUs the load generator (this JVM) and the server JVMs run on when the run pins them
 * ({@code --pin true}; by default nothing is pinned): the lower half of the CPUs this process may
 * use for the generator, the upper half for the servers (on two CPUs: one each), set with Linux's
 * {@code taskset}. The servers take turns, so the one being measured has its CPUs to itself instead
 * of sharing them with the generator's threads, and its latency is its own queueing rather than the
 * operating system's scheduling of the generator.
 *
 * @param driver CPU ids for the load generator
 * @param servers CPU ids for every server JVM
 */
record CpuSplit(List<Integer> driver, List<Integer> servers) {
  CpuSplit {
    driver = List.copyOf(driver);
    servers = List.copyOf(servers);
  }

  /**
   * The split of this process's allowed CPUs, or empty (the run stays unpinned, with a warning)
   * when fewer than two are allowed or this is not Linux with {@code taskset}.
   */
  static Optional<CpuSplit> detect() {
    try {
      Path status = Path.of("/proc/self/status");
      if (!Files.isReadable(status)) {
        return Optional.empty();
      }
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("Cpus_allowed_list:")) {
          Optional<CpuSplit> split = of(parseList(line.substring(line.indexOf(':') + 1).strip()));
          return split.isPresent() && run("taskset", "-V") ? split : Optional.empty();
        }
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Splits CPU ids into a lower half (generator) and an upper half (servers); empty under two. */
  static Optional<CpuSplit> of(List<Integer> cpus) {
    if (cpus.size() < 2) {
      return Optional.empty();
    }
    int half = cpus.size() / 2;
    return Optional.of(new CpuSplit(cpus.subList(0, half), cpus.subList(half, cpus.size())));
  }

  /** Parses a Linux CPU list such as {@code 0-3,6,8-9}. */
  static List<Integer> parseList(String list) {
    List<Integer> cpus = new ArrayList<>();
    for (String part : list.split(",")) {
      String range = part.strip();
      if (range.isEmpty()) {
        continue;
      }
      int dash = range.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
      for (int cpu = from; cpu <= to; cpu++) {
        cpus.add(cpu);
      }
    }
    return cpus;
  }

  /** The command prefix that starts a server JVM on the servers' CPUs. */
  List<String> serverCommandPrefix() {
    return List.of("taskset", "-c", format(servers));
  }

  /**
   * Moves every thread of this JVM onto the generator's CPUs (threads started later inherit it).
   *
   * @throws IllegalStateException if {@code taskset} refused
   */
  void pinThisProcess() {
    String pid = Long.toString(ProcessHandle.current().pid());
    if (!run("taskset", "-a", "-p", "-c", format(driver), pid)) {
      throw new IllegalStateException(
          "taskset could not pin the load generator (pid " + pid + ") to CPUs " + format(driver));
    }
  }

  /** A human-readable description for the results. */
  String describe() {
    return "load generator on CPU " + format(driver) + ", servers on CPU " + format(servers);
  }

  static String format(List<Integer> cpus) {
    return cpus.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static boolean run(String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
