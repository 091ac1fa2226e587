package dev.mcpkit.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the JIT compiler threads of a server process and its descendants (a gateway's
 * upstream JVM), read from Linux's {@code /proc/PID/task/TID/comm} and {@code stat}: the threads
 * HotSpot names {@code C1 CompilerThread}, {@code C2 CompilerThread} (15 characters kept by the
 * kernel) or {@code JVMCI...}. Used by the warm-up ({@link WarmupRule}) to tell a JVM still
 * compiling from one that is done.
 *
 * <p>{@link #sample} is keyed by process and thread, so that {@link #busyNanos} sums each thread's
 * own difference: HotSpot starts and stops compiler threads as its queue grows and shrinks, and a
 * thread that ended between two samples takes its last ticks with it (it had been idle before it
 * ended, so little is lost). Resolution is the kernel's clock tick, 10 ms.
 */
final class JitCpu {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private JitCpu() {}

  /**
   * Ticks (user plus system) per compiler thread of {@code pid} and its live descendants, keyed
   * {@code "pid/tid"}; empty when there is no {@code /proc} or no such thread (not a JVM).
   */
  static Map<String, Long> sample(long pid) {
    Map<String, Long> ticks = new HashMap<>();
    List<Long> pids =
        Stream.concat(
                Stream.of(pid),
                ProcessHandle.of(pid).stream()
                    .flatMap(ProcessHandle::descendants)
                    .map(ProcessHandle::pid))
            .toList();
    for (long p : pids) {
      Path tasks = Path.of("/proc", Long.toString(p), "task");
      try (Stream<Path> threads = Files.list(tasks)) {
        for (Path thread : threads.toList()) {
          long t = compilerTicks(thread);
          if (t >= 0) {
            ticks.put(p + "/" + thread.getFileName(), t);
          }
        }
      } catch (IOException | RuntimeException e) {
        // No /proc, or the process ended meanwhile: its threads are simply not counted.
      }
    }
    return ticks;
  }

  /**
   * CPU nanoseconds the compiler threads spent between two samples, or -1 when neither sample found
   * one (the JIT's activity is unknown).
   */
  static long busyNanos(Map<String, Long> before, Map<String, Long> after) {
    if (before.isEmpty() && after.isEmpty()) {
      return -1;
    }
    long ticks = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      ticks += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
    }
    return ticks * NANOS_PER_TICK;
  }

  private static long compilerTicks(Path thread) {
    try {
      String name = Files.readString(thread.resolve("comm")).strip();
      if (!(name.startsWith("C1 Compiler")
          || name.startsWith("C2 Compiler")
          || name.startsWith("JVMCI"))) {
        return -1;
      }
      String stat = Files.readString(thread.resolve("stat"));
      // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1; // the thread ended between the listing and the read
    }
  }
}
