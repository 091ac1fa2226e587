package dev.mcpkit.benchmarks.e2e;

import java.time.Duration;

/**
 * CPU time of processes this JVM did not start in-process (a node proxy, its stdio children), read
 * from the operating system through {@link ProcessHandle}: user plus system time of each process,
 * not of its children, which are summed separately. A process that ended between two readings takes
 * its CPU time with it, so readings are taken while the sessions that keep the children alive are
 * open.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** CPU time of one process, or -1 if the OS does not say. */
  static long of(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
  }

  /** CPU time of every live descendant of a process, summed; -1 if the OS says for none. */
  static long ofDescendants(ProcessHandle process) {
    long total = -1;
    for (ProcessHandle child : process.descendants().toList()) {
      long cpu = of(child);
      if (cpu >= 0) {
        total = Math.max(total, 0) + cpu;
      }
    }
    return total;
  }
}
