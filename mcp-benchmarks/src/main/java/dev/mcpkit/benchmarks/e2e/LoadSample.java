package dev.mcpkit.benchmarks.e2e;

import org.HdrHistogram.Histogram;

/**
 * What one closed-loop run measured.
 *
 * @param operations completed operations (successful or not)
 * @param errors operations that failed or answered wrongly
 * @param elapsedNanos from the first send to the last completion
 * @param latency latency in microseconds, corrected for coordinated omission (see {@link
 *     ClosedLoop})
 * @param rawLatency latency in microseconds as measured, uncorrected
 * @param serverCpuNanos CPU time the server process used during the run (-1 if not measured)
 * @param clientCpuNanos CPU time the load generator's process used during the run
 * @param upstreamCpuNanos CPU time a proxy's upstream process(es) used during the run (-1 if not a
 *     proxy, or not measured)
 */
record LoadSample(
    long operations,
    long errors,
    long elapsedNanos,
    Histogram latency,
    Histogram rawLatency,
    long serverCpuNanos,
    long clientCpuNanos,
    long upstreamCpuNanos) {

  /** A sample of a server that is not a proxy. */
  LoadSample(
      long operations,
      long errors,
      long elapsedNanos,
      Histogram latency,
      Histogram rawLatency,
      long serverCpuNanos,
      long clientCpuNanos) {
    this(operations, errors, elapsedNanos, latency, rawLatency, serverCpuNanos, clientCpuNanos, -1);
  }

  /** Operations per second. */
  double throughput() {
    return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
  }

  /** Server CPU microseconds per operation, or NaN if not measured. */
  double serverCpuMicrosPerOp() {
    return serverCpuNanos < 0 || operations == 0 ? Double.NaN : serverCpuNanos / 1e3 / operations;
  }

  /** A proxy's upstream CPU microseconds per operation, or NaN if not measured. */
  double upstreamCpuMicrosPerOp() {
    return upstreamCpuNanos < 0 || operations == 0
        ? Double.NaN
        : upstreamCpuNanos / 1e3 / operations;
  }

  /** Load-generator CPU microseconds per operation. */
  double clientCpuMicrosPerOp() {
    return operations == 0 ? Double.NaN : clientCpuNanos / 1e3 / operations;
  }

  /** This sample and {@code other} together, as if measured in one run of both lengths. */
  LoadSample plus(LoadSample other) {
    Histogram l = latency.copy();
    l.add(other.latency);
    Histogram r = rawLatency.copy();
    r.add(other.rawLatency);
    return new LoadSample(
        operations + other.operations,
        errors + other.errors,
        elapsedNanos + other.elapsedNanos,
        l,
        r,
        serverCpuNanos < 0 || other.serverCpuNanos < 0 ? -1 : serverCpuNanos + other.serverCpuNanos,
        clientCpuNanos + other.clientCpuNanos,
        upstreamCpuNanos < 0 || other.upstreamCpuNanos < 0
            ? -1
            : upstreamCpuNanos + other.upstreamCpuNanos);
  }

  LoadSample withServerCpu(long nanos) {
    return new LoadSample(
        operations,
        errors,
        elapsedNanos,
        latency,
        rawLatency,
        nanos,
        clientCpuNanos,
        upstreamCpuNanos);
  }

  LoadSample withUpstreamCpu(long nanos) {
    return new LoadSample(
        operations,
        errors,
        elapsedNanos,
        latency,
        rawLatency,
        serverCpuNanos,
        clientCpuNanos,
        nanos);
  }
}
