package dev.mcpkit.benchmarks.e2e;

/** A started echo server on loopback; closing it stops it. */
interface RunningServer extends AutoCloseable {
  /** The bound port. */
  int port();

  /**
   * CPU time the process that answers HTTP used so far, in nanoseconds: this JVM's, unless the
   * server is another process (an npm proxy).
   */
  default long cpuNanos() {
    return ServerMain.processCpuNanos();
  }

  /**
   * CPU time of the upstream process(es) of a proxy so far, in nanoseconds, or -1 for a server that
   * answers itself.
   */
  default long upstreamCpuNanos() {
    return -1;
  }

  /** Stops the server; never throws. */
  @Override
  void close();
}
