package dev.mcpkit.benchmarks.e2e;

/** A started echo server on loopback; closing it stops it. */
interface RunningServer extends AutoCloseable {
  /** The bound port. */
  int port();

  /** Stops the server; never throws. */
  @Override
  void close();
}
