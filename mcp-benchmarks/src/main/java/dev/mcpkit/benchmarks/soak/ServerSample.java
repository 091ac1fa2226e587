package dev.mcpkit.benchmarks.soak;

/**
 * One look at the server process.
 *
 * @param heapUsedAfterGcBytes the used heap right after a full GC ({@code jcmd GC.run}), or -1
 * @param threads live threads of the process ({@code /proc/PID/status}), or -1
 * @param fds open file descriptors ({@code /proc/PID/fd}), or -1
 * @param initializing sessions between {@code initialize} and {@code notifications/initialized}
 * @param active established sessions
 * @param draining sessions finishing before they close
 */
record ServerSample(
    long heapUsedAfterGcBytes,
    long threads,
    long fds,
    long initializing,
    long active,
    long draining) {

  /** Live sessions in any state ({@code mcpkit.server.sessions} summed). */
  long sessions() {
    return initializing + active + draining;
  }

  /** The heap after GC in MiB, one decimal. */
  String heapMib() {
    return heapUsedAfterGcBytes < 0
        ? "n/a"
        : String.format(java.util.Locale.ROOT, "%.1f", heapUsedAfterGcBytes / 1048576.0);
  }
}
