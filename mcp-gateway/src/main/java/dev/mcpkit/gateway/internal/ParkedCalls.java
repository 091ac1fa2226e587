package dev.mcpkit.gateway.internal;

import org.jspecify.annotations.Nullable;

/**
 * Where the upstream calls of sessionless clients wait between the {@code input_required} answer
 * and the client's retry ({@link PendingCall}). A parked call is found again by the id its signed
 * {@code requestState} carries; each park is resumed at most once, and a call not resumed in time
 * is cancelled: its upstream request for input fails and the upstream call is cancelled.
 *
 * <p>The implementation here is in memory ({@link LocalParkedCalls}), so a retry must reach the
 * gateway node that parked the call; the {@code requestState} itself verifies on any node sharing
 * the request-state key. Resuming on any node needs a shared implementation (Redis, for example)
 * that also carries the answer to the node holding the upstream call and its next event back, since
 * that node holds the upstream's open stream.
 *
 * <p>Implementations are thread-safe.
 */
interface ParkedCalls extends AutoCloseable {

  /**
   * Parks a call until it is resumed or its time runs out.
   *
   * @throws IllegalStateException when too many calls are parked already
   */
  void park(PendingCall call);

  /** Takes a parked call back; {@code null} when it is unknown, resumed already or timed out. */
  @Nullable PendingCall resume(String id);

  /** Cancels every parked call. */
  @Override
  void close();
}
